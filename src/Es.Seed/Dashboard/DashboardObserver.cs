using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Dashboard.Live;
using Es.Dashboard.Model;

namespace Es.Seed.Dashboard;

/// <summary>
/// Feeds the live dashboard from the coordinator's events. Runs on the coordinator's mailbox:
/// it only converts the report and hands it to <see cref="LiveRun"/>, which never waits.
/// </summary>
internal sealed class DashboardObserver(LiveRun live, RunCheckpoints checkpoints, Action<string> warn) : IRunObserver
{
    private bool _broken;

    public void OnRecovered(RecoveryResult recovery) => Feed(() =>
    {
        live.Clear();
        foreach (var replayed in recovery.Replayed)
        {
            live.Add(Point(replayed.Report, replayed.WallSeconds));
        }
    });

    public void OnRoundCompleted(GenerationReport report) => Feed(() =>
    {
        live.Add(Point(report, checkpoints.WallSeconds));
        var cost = checkpoints.Cost;
        live.Metrics.Checkpoints(cost.JournalSeconds, cost.SnapshotSeconds);
    });

    public void OnFinished(TrainingOutcome outcome)
    {
    }

    /// <summary>
    /// Runs on the coordinator's mailbox: whatever goes wrong in the dashboard is reported once
    /// and the dashboard stops being fed; training goes on.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "the dashboard must never stop training")]
    private void Feed(Action update)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            update();
        }
        catch (Exception e)
        {
            _broken = true;
            warn($"warning: the dashboard stopped following the run: {e.Message}");
        }
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
