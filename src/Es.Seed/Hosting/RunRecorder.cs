using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Seed.Progress;
using Es.Seed.Runs;

namespace Es.Seed.Hosting;

/// <summary>
/// Writes each round to <c>metrics.csv</c> and the progress display; times come from the run's
/// checkpoint clock. A recovered run's metrics file is rewritten from the rounds recovery
/// replayed, so it matches the journal exactly, and announced with <c>recovering</c>
/// ("resuming", or "taking over" for a standby seed).
/// </summary>
internal sealed class RunRecorder(RunDirectory run, IProgressDisplay display, int generationsPlanned, RunCheckpoints checkpoints, string recovering = "resuming") : IRunObserver, IDisposable
{
    private MetricsWriter? _metrics;
    private double _startSeconds;
    private long _evaluations;
    private long _steps;
    private double? _lastEval;

    public void OnRecovered(RecoveryResult recovery)
    {
        _startSeconds = checkpoints.WallSeconds;
        if (recovery.SnapshotGeneration == 0 && recovery.Replayed.Count == 0)
        {
            _metrics = new MetricsWriter(run.MetricsPath);
            return;
        }

        int generation = recovery.Replayed.Count > 0 ? recovery.Replayed[^1].Report.Generation + 1 : recovery.SnapshotGeneration;
        display.Message(
            $"{recovering} run {run.RunId} at generation {generation} " +
            $"(snapshot of generation {recovery.SnapshotGeneration}, {recovery.Replayed.Count} journal events replayed; coordinator epoch {checkpoints.Epoch})");
        _metrics = MetricsWriter.Continue(run.MetricsPath, recovery.SnapshotGeneration, recovery.Replayed.Select(r => (r.Report, r.WallSeconds)));
    }

    public void OnRoundCompleted(GenerationReport report)
    {
        double wall = checkpoints.WallSeconds;
        _metrics?.Write(report, wall);
        _evaluations += report.Evaluations;
        _steps += report.EnvSteps;
        _lastEval = report.EvalReturn ?? _lastEval;
        double seconds = Math.Max(wall - _startSeconds, 1e-9);
        display.Show(new ProgressSnapshot(report, generationsPlanned, TimeSpan.FromSeconds(wall), _evaluations / seconds, _steps / seconds, _lastEval));
    }

    public void OnFinished(TrainingOutcome outcome)
    {
    }

    public void Dispose() => _metrics?.Dispose();
}
