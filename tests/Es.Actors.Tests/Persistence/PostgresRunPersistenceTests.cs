using Akka.Configuration;
using Es.Actors.Persistence;
using Es.TestKit;
using Npgsql;

namespace Es.Actors.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRunPersistenceTests(PostgresFixture postgres) : RunPersistenceContract
{
    protected override Config Persistence => RunPersistence.Postgres(postgres.Server.ConnectionString);

    protected override string FlippedBytes => "decode(md5(random()::text), 'hex') || substring(snapshot from 17)";

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountSnapshotsAsync(string runId)
    {
        await using var connection = new NpgsqlConnection(postgres.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM snapshot WHERE persistence_id = '{runId}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
