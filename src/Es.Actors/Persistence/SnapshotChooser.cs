using Akka.Actor;
using Akka.Persistence;

namespace Es.Actors.Persistence;

/// <summary>
/// Chooses the snapshot a run recovers from: the newest whose checksum and contents check
/// out. Akka's recovery offers only the newest; a damaged one would fail the run, although
/// the snapshot before it and the journal after it give the same θ. So the snapshot store
/// is asked first, passing over corrupt snapshots one by one (each reported).
/// </summary>
public static class SnapshotChooser
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The criteria under which recovery of <paramref name="runId"/> gets the newest intact snapshot.</summary>
    public static async Task<SnapshotSelectionCriteria> ChooseAsync(ActorSystem system, string runId, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(warn);
        var store = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        long newest = long.MaxValue;
        while (true)
        {
            var criteria = new SnapshotSelectionCriteria(newest);
            var reply = await store.Ask<ISnapshotResponse>(new LoadSnapshot(runId, criteria, long.MaxValue), Patience).ConfigureAwait(false);
            switch (reply)
            {
                case LoadSnapshotResult { Snapshot: null }:
                    return criteria; // none left: recovery replays the whole journal
                case LoadSnapshotResult { Snapshot: { Snapshot: CorruptSnapshot corrupt } selected }:
                    warn($"the snapshot at sequence number {selected.Metadata.SequenceNr} of run {runId} is corrupt ({corrupt.Reason}); using an older one");
                    newest = selected.Metadata.SequenceNr - 1;
                    break;
                case LoadSnapshotResult { Snapshot: { } selected }:
                    return new SnapshotSelectionCriteria(selected.Metadata.SequenceNr);
                case LoadSnapshotFailed failed:
                    throw new CheckpointException($"the snapshots of run {runId} cannot be read: {failed.Cause.Message}", failed.Cause);
                default:
                    throw new CheckpointException($"the snapshot store answered {reply.GetType().Name}");
            }
        }
    }
}
