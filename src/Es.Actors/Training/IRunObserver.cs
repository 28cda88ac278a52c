namespace Es.Actors.Training;

/// <summary>
/// Receives a run's progress from the coordinator (on the coordinator's mailbox: keep it
/// quick). The host writes metrics and progress from here.
/// </summary>
public interface IRunObserver
{
    /// <summary>A round completed.</summary>
    void OnRoundCompleted(GenerationReport report);

    /// <summary>The run ended (finished, solved or stopped on request).</summary>
    void OnFinished(TrainingOutcome outcome);

    /// <summary>The coordinator recovered the run from its journal (a new run: nothing replayed), before its first round.</summary>
    void OnRecovered(Persistence.RecoveryResult recovery)
    {
    }
}
