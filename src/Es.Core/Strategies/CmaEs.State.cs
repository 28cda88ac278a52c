namespace Es.Core.Strategies;

/// <summary>CMA-ES state for snapshots.</summary>
public sealed partial class CmaEs
{
    /// <inheritdoc/>
    public StrategyState Export() => new(
        Name,
        [[.. _mean], [_sigma], [.. _sigmaPath], [.. _covariancePath], [.. _covariance], [.. _basis], [.. _scales]],
        [[_eigenGeneration]]);

    /// <inheritdoc/>
    public void Import(StrategyState state, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(state);
        int d = Dimension;
        state.Expect(Name, [d, 1, d, d, d * d, d * d, d], 1);
        if (state.Integers[0].Length != 1 || state.Reals.Any(part => part.Any(v => !double.IsFinite(v))) || !(state.Reals[1][0] > 0))
        {
            throw new InvalidDataException("snapshot cma-es state has a value that is not finite or a σ that is not positive");
        }

        state.Reals[0].CopyTo(_mean, 0);
        _sigma = state.Reals[1][0];
        state.Reals[2].CopyTo(_sigmaPath, 0);
        state.Reals[3].CopyTo(_covariancePath, 0);
        state.Reals[4].CopyTo(_covariance, 0);
        _basis = [.. state.Reals[5]];
        _scales = [.. state.Reals[6]];
        _eigenGeneration = state.Integers[0][0];
    }
}
