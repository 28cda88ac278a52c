using System.Data.Common;
using Es.Actors.Training;

namespace Es.Actors.Persistence;

/// <summary>The journal (one row per completed generation) and the snapshots.</summary>
public sealed partial class CheckpointStore
{
    /// <summary>Appends generation <paramref name="record"/>'s row, fenced by <paramref name="epoch"/>.</summary>
    /// <exception cref="FencedException">Another coordinator owns the run now.</exception>
    /// <exception cref="CheckpointException">The generation is already journaled (two writers).</exception>
    /// <returns>The payload size in bytes.</returns>
    public int AppendJournal(string runId, long epoch, GenerationRecord record, double wallSeconds, double? bestEvalReturn)
    {
        ArgumentNullException.ThrowIfNull(record);
        var payload = CheckpointCodec.EncodeRecord(record, wallSeconds);
        using var transaction = _connection.BeginTransaction();
        CheckEpoch(runId, epoch, transaction);
        Insert("es_journal", "", runId, record.Generation, epoch, payload, transaction);
        using var progress = Command(
            "UPDATE es_runs SET generations = @next, best_eval_return = @best, updated_at = @now WHERE run_id = @run",
            transaction,
            ("@next", record.Generation + 1),
            ("@best", bestEvalReturn),
            ("@now", Now()),
            ("@run", runId));
        progress.ExecuteNonQuery();
        transaction.Commit();
        return payload.Length;
    }

    /// <summary>
    /// Stores a snapshot, fenced by <paramref name="epoch"/>. A snapshot of the same
    /// generation already stored is kept as it is (the state at a generation is the same
    /// whoever computed it, and nothing persisted is ever overwritten).
    /// </summary>
    /// <returns>The payload size in bytes, or 0 when a snapshot of that generation existed.</returns>
    public int SaveSnapshot(string runId, long epoch, SessionSnapshot snapshot, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var payload = CheckpointCodec.EncodeSnapshot(snapshot, wallSeconds);
        using var transaction = _connection.BeginTransaction();
        CheckEpoch(runId, epoch, transaction);
        using (var exists = Command("SELECT COUNT(*) FROM es_snapshots WHERE run_id = @run AND generation = @generation", transaction, ("@run", runId), ("@generation", snapshot.Generation)))
        {
            if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return 0;
            }
        }

        Insert("es_snapshots", ", created_at", runId, snapshot.Generation, epoch, payload, transaction);
        transaction.Commit();
        return payload.Length;
    }

    /// <summary>Snapshots of the run, newest first, as stored (checksums not yet verified).</summary>
    public IReadOnlyList<StoredBlob> Snapshots(string runId) =>
        Blobs("SELECT generation, payload, checksum FROM es_snapshots WHERE run_id = @run ORDER BY generation DESC", runId, 0);

    /// <summary>Journal rows of the run from <paramref name="fromGeneration"/> on, in order, as stored.</summary>
    public IReadOnlyList<StoredBlob> Journal(string runId, int fromGeneration) =>
        Blobs("SELECT generation, payload, checksum FROM es_journal WHERE run_id = @run AND generation >= @from ORDER BY generation", runId, fromGeneration);

    private void Insert(string table, string extraColumn, string runId, int generation, long epoch, byte[] payload, DbTransaction transaction)
    {
        var extraValue = extraColumn.Length == 0 ? string.Empty : ", @now";
        using var insert = Command(
            $"INSERT INTO {table} (run_id, generation, epoch, payload, checksum{extraColumn}) VALUES (@run, @generation, @epoch, @payload, @checksum{extraValue})",
            transaction,
            ("@run", runId),
            ("@generation", generation),
            ("@epoch", epoch),
            ("@payload", payload),
            ("@checksum", CheckpointCodec.Checksum(payload)),
            ("@now", Now()));
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (DbException e) when (_dialect.IsUniqueViolation(e))
        {
            throw new CheckpointException($"generation {generation} of run {runId} is already in {table}: another coordinator wrote it", e);
        }
    }

    private List<StoredBlob> Blobs(string sql, string runId, int fromGeneration)
    {
        using var command = Command(sql, null, ("@run", runId), ("@from", fromGeneration));
        using var reader = command.ExecuteReader();
        var blobs = new List<StoredBlob>();
        while (reader.Read())
        {
            blobs.Add(new StoredBlob(reader.GetInt32(0), (byte[])reader.GetValue(1), reader.GetString(2)));
        }

        return blobs;
    }
}

/// <summary>A journal row or snapshot as stored.</summary>
/// <param name="Generation">Its generation.</param>
/// <param name="Payload">The encoded bytes.</param>
/// <param name="Checksum">The SHA-256 recorded when it was written.</param>
public sealed record StoredBlob(int Generation, byte[] Payload, string Checksum)
{
    /// <summary>True when the payload still matches its checksum.</summary>
    public bool IsIntact => CheckpointCodec.Checksum(Payload) == Checksum;
}
