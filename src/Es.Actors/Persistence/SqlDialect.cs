using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Es.Actors.Persistence;

/// <summary>What differs between SQLite and PostgreSQL for the checkpoint store.</summary>
internal sealed record SqlDialect(string Name, string Blob, string Double, string LockRow, Func<DbException, bool> IsUniqueViolation)
{
    public static SqlDialect Sqlite { get; } = new("sqlite", "BLOB", "REAL", string.Empty, e => e is SqliteException { SqliteErrorCode: 19 });

    public static SqlDialect Postgres { get; } = new("postgres", "BYTEA", "DOUBLE PRECISION", " FOR UPDATE", e => e is PostgresException { SqlState: "23505" });

    /// <summary>Migrations by version: index i brings the schema from version i to i+1.</summary>
    public IReadOnlyList<string[]> Migrations =>
    [
        [
            $"""
            CREATE TABLE IF NOT EXISTS es_runs (
                run_id TEXT PRIMARY KEY,
                env TEXT NOT NULL,
                config_json TEXT NOT NULL,
                epoch BIGINT NOT NULL DEFAULT 0,
                status TEXT NOT NULL,
                generations INTEGER NOT NULL DEFAULT 0,
                best_eval_return {Double},
                owner_host TEXT NOT NULL DEFAULT '',
                owner_pid INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS es_journal (
                run_id TEXT NOT NULL REFERENCES es_runs(run_id),
                generation INTEGER NOT NULL,
                epoch BIGINT NOT NULL,
                payload {Blob} NOT NULL,
                checksum TEXT NOT NULL,
                PRIMARY KEY (run_id, generation))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS es_snapshots (
                run_id TEXT NOT NULL REFERENCES es_runs(run_id),
                generation INTEGER NOT NULL,
                epoch BIGINT NOT NULL,
                payload {Blob} NOT NULL,
                checksum TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (run_id, generation))
            """,
        ],
    ];
}
