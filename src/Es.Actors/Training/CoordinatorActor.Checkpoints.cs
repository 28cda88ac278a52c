using System.Diagnostics;
using Akka.Event;
using Akka.Persistence;
using Es.Actors.Persistence;

namespace Es.Actors.Training;

/// <summary>
/// Writing checkpoints: events through <c>Persist</c> (no result of the next generation is recorded before each is durable),
/// snapshots through <c>SaveSnapshot</c> (asynchronous, except the final one, which the run
/// waits for), the two newest snapshots kept, and the cost of all of it measured. A write
/// that fails stops the run: above all a second coordinator on the same run, whose events
/// collide with the first's on the journal's unique sequence numbers.
/// </summary>
public sealed partial class CoordinatorActor
{
    private readonly List<long> _snapshots = [];
    private readonly Dictionary<long, (long Started, int Bytes)> _snapshotsSaving = [];
    private Action? _afterFinalSnapshot;
    private long _finalSnapshot = -1;
    private int _repliesAtFinal; // saves at the final snapshot's sequence number still unanswered
    private int _deletesPending; // the run ends only after its old snapshots are gone, or the process could exit first

    /// <summary>Persists <paramref name="journalEvent"/>, then runs <paramref name="then"/>; no command is handled in between.</summary>
    private void JournalThen(RunEvent journalEvent, Action then)
    {
        long started = Stopwatch.GetTimestamp();
        Persist(journalEvent, persisted =>
        {
            if (persisted is GenerationJournaled journaled)
            {
                var cost = _checkpoints.Cost;
                _checkpoints.Cost = cost with
                {
                    JournalRows = cost.JournalRows + 1,
                    JournalBytes = cost.JournalBytes + journaled.Encoded.Length,
                    JournalSeconds = cost.JournalSeconds + Stopwatch.GetElapsedTime(started).TotalSeconds,
                };
            }

            then();
        });
    }

    /// <summary>The session's state now, between rounds, sealed (encoded once: the store writes these bytes).</summary>
    private CheckpointSnapshot TakeSnapshot() => new(_session.Export(), _checkpoints.WallSeconds, _checkpoints.Epoch);

    /// <summary>Saves <paramref name="snapshot"/> at the last journaled sequence number, asynchronously.</summary>
    private long Save(CheckpointSnapshot snapshot)
    {
        _snapshotsSaving[LastSequenceNr] = (Stopwatch.GetTimestamp(), snapshot.Sealed.Length);
        SaveSnapshot(snapshot);
        return LastSequenceNr;
    }

    /// <summary>The end of the run: a snapshot of the final state, made durable before <paramref name="then"/>.</summary>
    private void FinalSnapshotThen(Action then)
    {
        _afterFinalSnapshot = then;
        // A regular snapshot may still be in flight at the same sequence number (the final,
        // evaluation-only round journals nothing): its reply must not be taken for this one's.
        _repliesAtFinal = _snapshotsSaving.ContainsKey(LastSequenceNr) ? 2 : 1;
        _finalSnapshot = Save(TakeSnapshot());
    }

    private bool OnCheckpointReply(object message)
    {
        switch (message)
        {
            case SaveSnapshotSuccess saved:
                Saved(saved.Metadata);
                return true;
            case SaveSnapshotFailure failed:
                _snapshotsSaving.Remove(failed.Metadata.SequenceNr);
                _log.Warning($"coordinator: a snapshot could not be saved ({failed.Cause.Message}); the journal still holds every generation");
                Continue(failed.Metadata.SequenceNr);
                return true;
            case DeleteSnapshotsSuccess:
                _deletesPending--;
                TryFinish();
                return true;
            case DeleteSnapshotsFailure failed:
                _deletesPending--;
                _log.Warning($"coordinator: old snapshots could not be deleted ({failed.Cause.Message})");
                TryFinish();
                return true;
            default:
                return false;
        }
    }

    private void Saved(SnapshotMetadata metadata)
    {
        if (_snapshotsSaving.Remove(metadata.SequenceNr, out var saving))
        {
            var cost = _checkpoints.Cost;
            _checkpoints.Cost = cost with
            {
                Snapshots = cost.Snapshots + 1,
                SnapshotBytes = cost.SnapshotBytes + saving.Bytes,
                SnapshotSeconds = cost.SnapshotSeconds + Stopwatch.GetElapsedTime(saving.Started).TotalSeconds,
            };
        }

        if (!_snapshots.Contains(metadata.SequenceNr))
        {
            _snapshots.Add(metadata.SequenceNr);
            _snapshots.Sort(); // replies may come out of order: the oldest must be the ones deleted
        }

        if (_snapshots.Count > CheckpointPlan.SnapshotsKept)
        {
            long oldestKept = _snapshots[^CheckpointPlan.SnapshotsKept];
            DeleteSnapshots(new SnapshotSelectionCriteria(oldestKept - 1));
            _deletesPending++;
            _snapshots.RemoveRange(0, _snapshots.Count - CheckpointPlan.SnapshotsKept);
        }

        Continue(metadata.SequenceNr);
    }

    private void Continue(long sequenceNr)
    {
        if (sequenceNr == _finalSnapshot)
        {
            _repliesAtFinal--;
            TryFinish();
        }
    }

    /// <summary>Ends the run once the final snapshot is answered and no pruning is still on its way.</summary>
    private void TryFinish()
    {
        if (_repliesAtFinal == 0 && _deletesPending == 0 && _afterFinalSnapshot is { } then)
        {
            _afterFinalSnapshot = null;
            then();
        }
    }

    /// <inheritdoc/>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        throw new JournalWriteException(
            $"run {PersistenceId}: the journal refused sequence number {sequenceNr} ({cause.Message}); " +
            "another coordinator may be writing this run: this one stops without writing more", cause);
    }

    /// <inheritdoc/>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) => OnPersistFailure(cause, @event, sequenceNr);
}
