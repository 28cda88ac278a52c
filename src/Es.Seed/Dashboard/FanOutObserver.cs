using Es.Actors.Persistence;
using Es.Actors.Training;

namespace Es.Seed.Dashboard;

/// <summary>Passes the coordinator's events to several observers, in order (each must be quick).</summary>
internal sealed class FanOutObserver(params IRunObserver[] observers) : IRunObserver
{
    public void OnRoundCompleted(GenerationReport report)
    {
        foreach (var observer in observers)
        {
            observer.OnRoundCompleted(report);
        }
    }

    public void OnFinished(TrainingOutcome outcome)
    {
        foreach (var observer in observers)
        {
            observer.OnFinished(outcome);
        }
    }

    public void OnRecovered(RecoveryResult recovery)
    {
        foreach (var observer in observers)
        {
            observer.OnRecovered(recovery);
        }
    }
}
