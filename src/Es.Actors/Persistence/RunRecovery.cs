using Es.Actors.Training;

namespace Es.Actors.Persistence;

/// <summary>
/// Rebuilds a session from the store like a persistent actor recovers: the newest
/// snapshot whose checksum and contents check out, then the journal after it, replayed
/// through the same code path the live run took, so the result is bit for bit the same.
/// </summary>
public static class RunRecovery
{
    /// <summary>Restores <paramref name="session"/> (fresh) to the run's last journaled generation.</summary>
    /// <param name="store">The store.</param>
    /// <param name="runId">The run.</param>
    /// <param name="session">A fresh session built from the run's configuration.</param>
    /// <param name="warn">Receives a line for every corrupt snapshot passed over.</param>
    /// <exception cref="CheckpointException">The journal has a hole or a corrupt row that no snapshot covers.</exception>
    public static RecoveryResult Recover(CheckpointStore store, string runId, TrainingSession session, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(warn);
        int fromGeneration = 0;
        double wallSeconds = 0;
        foreach (var stored in store.Snapshots(runId))
        {
            if (!stored.IsIntact)
            {
                warn($"snapshot of generation {stored.Generation} in {store.Description} is corrupt (checksum mismatch); using an older one");
                continue;
            }

            try
            {
                var (snapshot, wall) = CheckpointCodec.DecodeSnapshot(stored.Payload);
                session.Restore(snapshot);
                fromGeneration = snapshot.Generation;
                wallSeconds = wall;
                break;
            }
            catch (InvalidDataException e)
            {
                warn($"snapshot of generation {stored.Generation} in {store.Description} cannot be used ({e.Message}); using an older one");
            }
        }

        var replayed = new List<ReplayedRound>();
        var rows = store.Journal(runId, fromGeneration);
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Generation != session.Generation)
            {
                throw new CheckpointException(
                    $"the journal of run {runId} in {store.Description} is missing generation {session.Generation} (the next row is {row.Generation}); " +
                    "resuming would rewrite persisted history, so it is refused");
            }

            if (!row.IsIntact)
            {
                throw new CheckpointException(
                    $"the journal row of generation {row.Generation} of run {runId} in {store.Description} is corrupt (checksum mismatch) and no snapshot covers it");
            }

            GenerationRecord record;
            try
            {
                (record, wallSeconds) = CheckpointCodec.DecodeRecord(row.Payload);
                replayed.Add(new ReplayedRound(session.Replay(record), wallSeconds));
            }
            catch (InvalidDataException e)
            {
                throw new CheckpointException($"the journal row of generation {row.Generation} of run {runId} in {store.Description} cannot be replayed: {e.Message}", e);
            }
        }

        return new RecoveryResult(fromGeneration, replayed, wallSeconds);
    }
}

/// <summary>What recovery did.</summary>
/// <param name="SnapshotGeneration">The generation of the snapshot used (0 = none: replayed from θ₀).</param>
/// <param name="Replayed">The rounds replayed from the journal, with the run's wall-clock seconds at each.</param>
/// <param name="WallSeconds">The run's wall-clock seconds at the recovered point.</param>
public sealed record RecoveryResult(int SnapshotGeneration, IReadOnlyList<ReplayedRound> Replayed, double WallSeconds);

/// <summary>One replayed round.</summary>
/// <param name="Report">Its report (a metrics row).</param>
/// <param name="WallSeconds">The run's wall-clock seconds when it was journaled.</param>
public sealed record ReplayedRound(GenerationReport Report, double WallSeconds);
