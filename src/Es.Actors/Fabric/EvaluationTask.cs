namespace Es.Actors.Fabric;

/// <summary>
/// A unit of work: a contiguous range of candidate indices (or evaluation episodes) of
/// one generation. It names candidates; it never carries a parameter vector.
/// </summary>
/// <param name="Generation">The generation the candidates belong to.</param>
/// <param name="Kind">Candidates or evaluation episodes.</param>
/// <param name="First">First candidate index (or episode).</param>
/// <param name="Count">How many.</param>
public sealed record EvaluationTask(int Generation, TaskKind Kind, int First, int Count)
{
    /// <inheritdoc/>
    public override string ToString() => $"g{Generation}/{Kind}[{First}..{First + Count - 1}]";
}
