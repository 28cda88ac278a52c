using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Seed.Progress;
using Es.Seed.Runs;

namespace Es.Seed.Hosting;

/// <summary>Writes each round to <c>metrics.csv</c> and the progress display; times come from the journal's run clock.</summary>
internal sealed class RunRecorder(MetricsWriter metrics, IProgressDisplay display, int generationsPlanned, CheckpointJournal journal) : IRunObserver
{
    private readonly double _startSeconds = journal.WallSeconds;
    private long _evaluations;
    private long _steps;
    private double? _lastEval;

    public void OnRoundCompleted(GenerationReport report)
    {
        double wall = journal.WallSeconds;
        metrics.Write(report, wall);
        _evaluations += report.Evaluations;
        _steps += report.EnvSteps;
        _lastEval = report.EvalReturn ?? _lastEval;
        double seconds = Math.Max(wall - _startSeconds, 1e-9);
        display.Show(new ProgressSnapshot(report, generationsPlanned, TimeSpan.FromSeconds(wall), _evaluations / seconds, _steps / seconds, _lastEval));
    }

    public void OnFinished(TrainingOutcome outcome)
    {
    }
}
