using Akka.Actor;
using Akka.Persistence;
using Es.Actors.Training;

namespace Es.Actors.Persistence;

/// <summary>
/// Reads a run's journal without taking the run: a persistent actor with the run's
/// persistence id that only recovers (it never writes, so it cannot collide with a
/// coordinator) and answers with the <see cref="RunHistory"/>.
/// </summary>
public static class RunReader
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Reads run <paramref name="runId"/> in <paramref name="system"/>'s journal.</summary>
    /// <param name="system">An actor system configured with the run's persistence (<see cref="RunPersistence"/>).</param>
    /// <param name="runId">The run.</param>
    /// <param name="session">A fresh session to bring to the recovered generation, or null to read the events only (snapshots unused).</param>
    /// <param name="from">The snapshots recovery may start from (with a session; see <see cref="SnapshotChooser"/>).</param>
    /// <exception cref="CheckpointException">The journal's data cannot be replayed.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be read now.</exception>
    public static async Task<RunHistory> ReadAsync(ActorSystem system, string runId, TrainingSession? session = null, SnapshotSelectionCriteria? from = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var read = new TaskCompletionSource<RunHistory>(TaskCreationOptions.RunContinuationsAsynchronously);
        var criteria = session is null ? SnapshotSelectionCriteria.None : from ?? SnapshotSelectionCriteria.Latest;
        system.ActorOf(Props.Create(() => new RunReaderActor(runId, new RunHistory(runId, session), criteria, read)));
        try
        {
            return await read.Task.WaitAsync(Patience).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new StoreUnavailableException($"reading run {runId}'s journal took more than {Patience.TotalSeconds:F0} s", e);
        }
    }

    private sealed class RunReaderActor(string runId, RunHistory history, SnapshotSelectionCriteria from, TaskCompletionSource<RunHistory> read) : UntypedPersistentActor
    {
        public override string PersistenceId => runId;

        public override Recovery Recovery => new(from);

        protected override void OnRecover(object message)
        {
            if (message is RecoveryCompleted)
            {
                read.TrySetResult(history);
                Context.Stop(Self);
                return;
            }

            history.Apply(message);
        }

        protected override void OnCommand(object message) => Unhandled(message);

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            // Reported to the caller, not logged as well: Akka stops the reader after this returns.
            read.TrySetException((Exception?)(reason as CheckpointException) ?? new StoreUnavailableException($"run {runId}'s journal cannot be read now: {reason.Message}", reason));
        }
    }
}
