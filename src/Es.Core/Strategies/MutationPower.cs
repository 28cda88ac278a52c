namespace Es.Core.Strategies;

/// <summary>
/// The GA's mutation power by generation: σ₀·decay^g, never below the limit (estool's
/// <c>sigma_decay</c> and <c>sigma_limit</c>). decay = 1 is Such et al.'s fixed σ.
/// </summary>
/// <remarks>
/// A pure function of the generation, so every node rebuilds the same candidates from the
/// generation and a genome alone; <see cref="StepSizeMath.Exp"/> keeps its bits machine-independent.
/// </remarks>
public sealed class MutationPower
{
    private readonly double _initial;
    private readonly double _logDecay;
    private readonly double _limit;

    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">σ₀ (positive).</param>
    /// <param name="decay">The factor per generation, in (0, 1].</param>
    /// <param name="limit">The floor, from 0 to σ₀.</param>
    public MutationPower(double initial, double decay = 1, double limit = 0)
    {
        if (!(initial > 0) || !double.IsFinite(initial))
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "Expected a positive, finite σ.");
        }

        if (!(decay > 0 && decay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "Expected a decay in (0, 1].");
        }

        if (!(limit >= 0 && limit <= initial))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "Expected a limit from 0 to σ₀.");
        }

        _initial = initial;
        _logDecay = Randomness.DeterministicMath.Log(decay);
        _limit = limit;
        Decays = decay != 1;
    }

    /// <summary>False for the fixed σ of decay = 1.</summary>
    public bool Decays { get; }

    /// <summary>The σ of generation <paramref name="generation"/>'s mutations, as the float a perturbation scales by.</summary>
    public float At(int generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        if (!Decays)
        {
            return (float)_initial; // the fixed-σ GA's bits
        }

        // Past e^-700 any schedule has long reached its floor (or zero); Exp takes |x| ≤ 700.
        double exponent = Math.Max(-700, generation * _logDecay);
        return (float)Math.Max(_limit, _initial * StepSizeMath.Exp(exponent));
    }
}
