using Akka.Configuration;
using Es.Actors.Persistence;
using Microsoft.Data.Sqlite;

namespace Es.Actors.Tests.Persistence;

public sealed class SqliteRunPersistenceTests : RunPersistenceContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("es-sqlite-").FullName;

    private string StorePath => Path.Combine(_directory, "store.db");

    protected override Config Persistence => RunPersistence.Sqlite(StorePath);

    protected override string FlippedBytes => "randomblob(length(snapshot))";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountSnapshotsAsync(string runId)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM snapshot WHERE persistence_id = '{runId}'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
