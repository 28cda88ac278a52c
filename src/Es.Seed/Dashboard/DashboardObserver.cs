using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Dashboard.Live;
using Es.Dashboard.Model;

namespace Es.Seed.Dashboard;

/// <summary>
/// Feeds the live dashboard from the coordinator's events. Runs on the coordinator's mailbox:
/// it only converts the report and hands it to <see cref="LiveRun"/>, which never waits.
/// </summary>
internal sealed class DashboardObserver(LiveRun live, RunCheckpoints checkpoints) : IRunObserver
{
    public void OnRecovered(RecoveryResult recovery)
    {
        live.Clear();
        foreach (var replayed in recovery.Replayed)
        {
            live.Add(Point(replayed.Report, replayed.WallSeconds));
        }
    }

    public void OnRoundCompleted(GenerationReport report)
    {
        live.Add(Point(report, checkpoints.WallSeconds));
        var cost = checkpoints.Cost;
        live.Metrics.Checkpoints(cost.JournalSeconds, cost.SnapshotSeconds);
    }

    public void OnFinished(TrainingOutcome outcome)
    {
    }

    internal static GenerationPoint Point(GenerationReport report, double wallSeconds) => new(
        report.Generation,
        report.Updated,
        Finite(report.RewardMean),
        Finite(report.RewardMax),
        Finite(report.RewardMin),
        report.EvalReturn is double e ? Finite(e) : null,
        report.Evaluations,
        report.EnvSteps,
        wallSeconds,
        report.CandidatesFailed);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
