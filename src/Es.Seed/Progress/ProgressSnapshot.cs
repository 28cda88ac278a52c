using Es.Actors.Training;

namespace Es.Seed.Progress;

/// <summary>Rates and times derived from the reports so far: what the progress display shows.</summary>
/// <param name="Report">The latest round.</param>
/// <param name="GenerationsPlanned">The configured generation limit.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="EvaluationsPerSecond">Candidate evaluations per second so far.</param>
/// <param name="StepsPerSecond">Environment steps per second so far.</param>
/// <param name="LastEvalReturn">The latest evaluation return, if any.</param>
public sealed record ProgressSnapshot(
    GenerationReport Report,
    int GenerationsPlanned,
    TimeSpan Elapsed,
    double EvaluationsPerSecond,
    double StepsPerSecond,
    double? LastEvalReturn)
{
    /// <summary>Estimated time left at the rate so far (the generation limit is an upper bound: a solved run stops early).</summary>
    public TimeSpan Remaining
    {
        get
        {
            int done = Report.Generation + (Report.Updated ? 1 : 0);
            if (done <= 0 || done >= GenerationsPlanned)
            {
                return TimeSpan.Zero;
            }

            return Elapsed / done * (GenerationsPlanned - done);
        }
    }
}
