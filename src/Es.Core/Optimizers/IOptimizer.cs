namespace Es.Core.Optimizers;

/// <summary>
/// A first-order optimizer that descends a loss: the ES update hands it the negated
/// reward-gradient estimate (plus weight decay), as Salimans et al.'s reference code does.
/// </summary>
public interface IOptimizer
{
    /// <summary>Number of parameters this optimizer was sized for.</summary>
    int Dimension { get; }

    /// <summary>Steps taken so far (t in Adam's bias correction).</summary>
    long StepCount { get; }

    /// <summary>Moves <paramref name="theta"/> one step against <paramref name="lossGradient"/>.</summary>
    void Step(Span<float> theta, ReadOnlySpan<float> lossGradient);

    /// <summary>A copy of the state a checkpoint needs to resume bit for bit.</summary>
    OptimizerState Export();

    /// <summary>Restores state produced by <see cref="Export"/> of the same kind and dimension.</summary>
    void Import(OptimizerState state);
}
