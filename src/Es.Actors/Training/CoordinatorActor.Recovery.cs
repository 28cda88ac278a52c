using Akka.Actor;
using Akka.Persistence;
using Es.Actors.Persistence;

namespace Es.Actors.Training;

/// <summary>
/// Recovery: the snapshot chosen by <see cref="CheckpointPlan.From"/>, then every generation
/// journaled after it, replayed through <see cref="TrainingSession.Replay"/> (by
/// <see cref="RunHistory"/>). A journal with a generation missing is refused, never patched
/// over: the run would fork its history.
/// </summary>
public sealed partial class CoordinatorActor
{
    private RunHistory? _history;

    private RunHistory History => _history ??= new RunHistory(_plan.RunId, _session);

    /// <inheritdoc/>
    protected override void OnRecover(object message)
    {
        if (message is RecoveryCompleted)
        {
            Recovered();
            return;
        }

        History.Apply(message);
    }

    /// <inheritdoc/>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // Thrown on, so the run's guardian reports it as the run's failure (Akka would only log and
        // stop). Damaged data (what the history refuses) is bad input; anything else is the
        // store failing now, and the run can be resumed once it is back.
        throw (Exception?)(reason as CheckpointException) ?? new StoreUnavailableException($"run {PersistenceId} cannot be recovered now: {reason.Message}", reason);
    }

    /// <summary>Recovered: this coordinator takes the run (a new tenure) and starts, or finishes a run that had ended.</summary>
    private void Recovered()
    {
        var history = History;
        _snapshots.AddRange(history.Snapshots);
        _checkpoints.Recovered(history.Result(), history.Tenures + 1);
        if (LastSequenceNr == 0)
        {
            Persist(new RunStarted(_plan.Env, _plan.ConfigJson), _ => { });
        }

        // The tenure is written before the first generation: a second coordinator that recovered
        // the same history fails here, on the journal's unique sequence numbers, before it scores anything.
        Persist(new TenureStarted(Environment.MachineName, Environment.ProcessId), _ => Start());
        _history = null; // the replayed rounds are the observer's now
    }

    private void Start()
    {
        // Told only now that the run is this coordinator's: a coordinator that lost the run to
        // another at its tenure write never touches the run's files (the metrics are rewritten here).
        _observer.OnRecovered(_checkpoints.Recovery);
        _fabric.AttachCoordinator(Self);
        if (_session.IsFinished)
        {
            Finish(); // a resumed run that had already ended
            return;
        }

        Self.Tell(new BeginRound());
    }
}
