using Akka.Configuration;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Seed.Runs;
using Microsoft.Data.Sqlite;

namespace Es.Seed.Hosting;

/// <summary>Where a run's journal and snapshots are, and reading them without taking the run.</summary>
internal static class RunStores
{
    /// <summary>The Akka.Persistence configuration of the run's store: SQLite in the run directory, or PostgreSQL.</summary>
    /// <exception cref="ConfigException">PostgreSQL is chosen but no connection string is given.</exception>
    public static Config Persistence(TrainingConfig config, RunDirectory run)
    {
        if (config.Persistence.Provider != "postgres")
        {
            UseWriteAheadLog(run.StorePath);
            return RunPersistence.Sqlite(run.StorePath);
        }

        var connection = config.Persistence.ConnectionString.Length > 0
            ? config.Persistence.ConnectionString
            : Environment.GetEnvironmentVariable(PersistenceOptions.ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ConfigException(run.ConfigPath, "persistence.connection_string", $"is empty and {PersistenceOptions.ConnectionStringVariable} is not set; PostgreSQL needs one of them");
        }

        return RunPersistence.Postgres(connection);
    }

    /// <summary>Where the run's store is, for messages (never a connection string).</summary>
    public static string Describe(TrainingConfig config, RunDirectory run) =>
        config.Persistence.Provider == "postgres" ? "the PostgreSQL store" : run.StorePath;

    /// <summary>
    /// Refuses a store written by an EsAkka before checkpoints moved to Akka.Persistence (it has
    /// its own tables), or a missing one: never half-read.
    /// </summary>
    /// <exception cref="CheckpointException">The run directory has no store, or one of the earlier format.</exception>
    public static void CheckReadable(TrainingConfig config, RunDirectory run)
    {
        if (config.Persistence.Provider == "postgres")
        {
            return;
        }

        if (!File.Exists(run.StorePath))
        {
            throw new CheckpointException($"{run.Path} has no checkpoint store ({run.StorePath} is missing)");
        }

        bool earlierFormat;
        try
        {
            earlierFormat = HasTable(run.StorePath, "es_schema");
        }
        catch (SqliteException e)
        {
            throw new CheckpointException($"cannot open the checkpoint store {run.StorePath}: {e.Message}", e);
        }

        if (earlierFormat)
        {
            throw new CheckpointException(
                $"{run.StorePath} was written by an earlier EsAkka, whose checkpoint format this version does not read " +
                "(checkpoints are now kept by Akka.Persistence); train the run again, or use the earlier version to finish it");
        }
    }

    /// <summary>Reads the run's journal (and, with a session, brings it to the recovered generation) in a short-lived actor system.</summary>
    /// <exception cref="CheckpointException">The store or the journal cannot be read.</exception>
    public static async Task<RunHistory> ReadAsync(TrainingConfig config, RunDirectory run, TrainingSession? session, Action<string> warn)
    {
        var host = ActorHost.Start("es-reader", warn, Persistence(config, run));
        await using (host.ConfigureAwait(false))
        {
            var from = session is null ? null : await SnapshotChooser.ChooseAsync(host.System, run.RunId, warn).ConfigureAwait(false);
            return await RunReader.ReadAsync(host.System, run.RunId, session, from).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Puts the SQLite file in write-ahead-log mode (a property of the file, kept once set):
    /// each generation's commit then costs one sequential append and fsync instead of a
    /// rollback journal's several, and readers (<c>es-seed runs</c>) never block the writer.
    /// </summary>
    private static void UseWriteAheadLog(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        command.ExecuteNonQuery();
    }

    private static bool HasTable(string path, string table)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
