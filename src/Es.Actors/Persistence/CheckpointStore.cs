using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Es.Actors.Persistence;

/// <summary>
/// The event-sourced checkpoint store: runs, a journal row per completed generation and
/// snapshots every N generations, in SQLite (a file in the run directory, WAL) or
/// PostgreSQL (shared by several seed nodes). The primary key (run, generation) guards
/// against two writers; the run's epoch fences a deposed coordinator.
/// Synchronous on purpose: the coordinator must not start generation g+1 before g is
/// durable, and its mailbox already orders the writes.
/// </summary>
public sealed partial class CheckpointStore : IDisposable
{
    /// <summary>The schema version this program writes.</summary>
    public const int SchemaVersion = 1;

    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;

    private CheckpointStore(DbConnection connection, SqlDialect dialect, string description)
    {
        _connection = connection;
        _dialect = dialect;
        Description = description;
    }

    /// <summary>Where the store is, for messages: a file path, or host/database (never credentials).</summary>
    public string Description { get; }

    /// <summary>Opens (creating and migrating as needed) a SQLite store at <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointException">The file cannot be opened or is not a store.</exception>
    public static CheckpointStore OpenSqlite(string path, bool createIfMissing = true)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        };
        return Open(new SqliteConnection(builder.ConnectionString), SqlDialect.Sqlite, path, connection =>
        {
            // WAL: readers (es-seed runs) never block the writer; FULL: a committed generation survives a power cut.
            Execute(connection, "PRAGMA journal_mode=WAL");
            Execute(connection, "PRAGMA synchronous=FULL");
        });
    }

    /// <summary>Opens (creating and migrating as needed) the store in a PostgreSQL database.</summary>
    /// <exception cref="CheckpointException">The database cannot be reached or is not a store.</exception>
    public static CheckpointStore OpenPostgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"the PostgreSQL connection string is malformed: {e.Message}", e);
        }

        var where = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        return Open(new NpgsqlConnection(connectionString), SqlDialect.Postgres, where, _ => { });
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private static CheckpointStore Open(DbConnection connection, SqlDialect dialect, string description, Action<DbConnection> configure)
    {
        try
        {
            connection.Open();
            configure(connection);
            var store = new CheckpointStore(connection, dialect, description);
            try
            {
                store.Migrate();
            }
            catch (DbException)
            {
                // Two seed nodes creating the schema at once: one loses the race; the schema exists now.
                store.Migrate();
            }

            return store;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or ArgumentException)
        {
            connection.Dispose();
            throw new CheckpointException($"cannot open the checkpoint store {description}: {FirstLine(e.Message)}", e);
        }
    }

    private void Migrate()
    {
        using var transaction = _connection.BeginTransaction(IsolationLevel.Serializable);
        Execute(_connection, "CREATE TABLE IF NOT EXISTS es_schema (version INTEGER NOT NULL)", transaction);
        var found = Scalar(_connection, "SELECT MAX(version) FROM es_schema", transaction);
        int version = found is null or DBNull ? 0 : Convert.ToInt32(found, CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new CheckpointException($"the checkpoint store {Description} has schema version {version}, newer than this program's {SchemaVersion}; upgrade EsAkka");
        }

        for (; version < SchemaVersion; version++)
        {
            foreach (var statement in _dialect.Migrations[version])
            {
                Execute(_connection, statement, transaction);
            }

            Execute(_connection, "DELETE FROM es_schema", transaction);
            Execute(_connection, $"INSERT INTO es_schema (version) VALUES ({version + 1})", transaction);
        }

        transaction.Commit();
    }

    private DbCommand Command(string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, string sql, DbTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
