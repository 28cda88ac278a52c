using System.Diagnostics;
using Es.Actors.Training;
using Es.Seed.Progress;
using Es.Seed.Runs;

namespace Es.Seed.Hosting;

/// <summary>Writes each round to <c>metrics.csv</c> and the progress display.</summary>
internal sealed class RunRecorder(MetricsWriter metrics, IProgressDisplay display, int generationsPlanned) : IRunObserver
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _evaluations;
    private long _steps;
    private double? _lastEval;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void OnRoundCompleted(GenerationReport report)
    {
        var elapsed = _clock.Elapsed;
        metrics.Write(report, elapsed.TotalSeconds);
        _evaluations += report.Evaluations;
        _steps += report.EnvSteps;
        _lastEval = report.EvalReturn ?? _lastEval;
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        display.Show(new ProgressSnapshot(report, generationsPlanned, elapsed, _evaluations / seconds, _steps / seconds, _lastEval));
    }

    public void OnFinished(TrainingOutcome outcome) => _clock.Stop();
}
