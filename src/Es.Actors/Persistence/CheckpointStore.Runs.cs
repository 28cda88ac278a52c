using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace Es.Actors.Persistence;

/// <summary>Runs: creation, ownership (epochs), status and listing.</summary>
public sealed partial class CheckpointStore
{
    /// <summary>Registers a new run.</summary>
    /// <exception cref="CheckpointException">A run with this id already exists.</exception>
    public void CreateRun(string runId, string env, string configJson)
    {
        try
        {
            using var command = Command(
                "INSERT INTO es_runs (run_id, env, config_json, epoch, status, created_at, updated_at) VALUES (@run, @env, @config, 0, 'running', @now, @now)",
                null,
                ("@run", runId),
                ("@env", env),
                ("@config", configJson),
                ("@now", Now()));
            command.ExecuteNonQuery();
        }
        catch (DbException e) when (_dialect.IsUniqueViolation(e))
        {
            throw new CheckpointException($"the checkpoint store {Description} already holds a run named {runId}", e);
        }
    }

    /// <summary>The run, or null when the store does not hold it.</summary>
    public StoredRun? FindRun(string runId) => ListRuns(runId).FirstOrDefault();

    /// <summary>Every run in the store, oldest first.</summary>
    public IReadOnlyList<StoredRun> ListRuns() => ListRuns(null);

    /// <summary>
    /// Makes this process the run's coordinator: increments the epoch and returns it. A
    /// coordinator holding an older epoch is fenced from then on.
    /// </summary>
    public long AcquireEpoch(string runId)
    {
        using var transaction = _connection.BeginTransaction();
        using (var update = Command(
            "UPDATE es_runs SET epoch = epoch + 1, status = 'running', owner_host = @host, owner_pid = @pid, updated_at = @now WHERE run_id = @run",
            transaction,
            ("@host", Environment.MachineName),
            ("@pid", Environment.ProcessId),
            ("@now", Now()),
            ("@run", runId)))
        {
            if (update.ExecuteNonQuery() != 1)
            {
                throw new CheckpointException($"the checkpoint store {Description} holds no run named {runId}");
            }
        }

        using var select = Command("SELECT epoch FROM es_runs WHERE run_id = @run", transaction, ("@run", runId));
        long epoch = Convert.ToInt64(select.ExecuteScalar(), CultureInfo.InvariantCulture);
        transaction.Commit();
        return epoch;
    }

    /// <summary>Records how the run ended (or that it is running again), fenced by <paramref name="epoch"/>.</summary>
    public void SetStatus(string runId, long epoch, string status)
    {
        using var transaction = _connection.BeginTransaction();
        CheckEpoch(runId, epoch, transaction);
        using var command = Command("UPDATE es_runs SET status = @status, updated_at = @now WHERE run_id = @run", transaction, ("@status", status), ("@now", Now()), ("@run", runId));
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// The status to show: a run marked running whose owner process on this host is gone
    /// is reported as crashed.
    /// </summary>
    public static string EffectiveStatus(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status != "running" || run.OwnerHost != Environment.MachineName)
        {
            return run.Status;
        }

        try
        {
            using var process = Process.GetProcessById(run.OwnerPid);
            return process.HasExited ? "crashed" : "running";
        }
        catch (ArgumentException)
        {
            return "crashed";
        }
    }

    private List<StoredRun> ListRuns(string? runId)
    {
        using var command = Command(
            "SELECT run_id, env, config_json, epoch, status, generations, best_eval_return, owner_host, owner_pid, updated_at FROM es_runs"
            + (runId is null ? " ORDER BY created_at, run_id" : " WHERE run_id = @run"),
            null,
            ("@run", runId));
        using var reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
        {
            runs.Add(new StoredRun(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetString(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6),
                reader.GetString(7),
                reader.GetInt32(8),
                reader.GetString(9)));
        }

        return runs;
    }

    /// <summary>Throws <see cref="FencedException"/> unless <paramref name="epoch"/> is the run's current epoch (row locked on PostgreSQL).</summary>
    private void CheckEpoch(string runId, long epoch, DbTransaction transaction)
    {
        using var command = Command($"SELECT epoch FROM es_runs WHERE run_id = @run{_dialect.LockRow}", transaction, ("@run", runId));
        var current = command.ExecuteScalar();
        if (current is null or DBNull)
        {
            throw new CheckpointException($"the checkpoint store {Description} holds no run named {runId}");
        }

        long currentEpoch = Convert.ToInt64(current, CultureInfo.InvariantCulture);
        if (currentEpoch != epoch)
        {
            throw new FencedException($"run {runId} is now coordinated by epoch {currentEpoch}; this coordinator's epoch {epoch} was fenced and its write rejected");
        }
    }
}
