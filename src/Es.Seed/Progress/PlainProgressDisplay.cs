namespace Es.Seed.Progress;

/// <summary>One line per round, for logs and redirected output.</summary>
/// <param name="output">Where lines go.</param>
public sealed class PlainProgressDisplay(TextWriter output) : IProgressDisplay
{
    /// <inheritdoc/>
    public void Show(ProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var r = snapshot.Report;
        var eval = snapshot.LastEvalReturn is double e ? Format.Number(e) : "-";
        output.WriteLine(
            $"gen {r.Generation}/{snapshot.GenerationsPlanned}  reward mean {Format.Number(r.RewardMean)} max {Format.Number(r.RewardMax)}  " +
            $"eval {eval}  evals/s {Format.Number(snapshot.EvaluationsPerSecond)}  steps/s {Format.Number(snapshot.StepsPerSecond)}  " +
            $"elapsed {Format.Duration(snapshot.Elapsed)}  remaining {Format.Duration(snapshot.Remaining)}");
    }

    /// <inheritdoc/>
    public void Message(string text) => output.WriteLine(text);
}
