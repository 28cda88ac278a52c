using Es.Actors.Persistence;
using Es.TestKit;
using Npgsql;

namespace Es.Actors.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckpointStoreTests(PostgresFixture postgres) : CheckpointStoreContract
{
    protected override CheckpointStore OpenStore() => CheckpointStore.OpenPostgres(postgres.Server.ConnectionString);

    protected override void ExecuteRaw(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(postgres.Server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    [Fact]
    public void OpenPostgres_Unreachable_ErrorNamesWhereWithoutPassword()
    {
        var error = Assert.Throws<CheckpointException>(() => CheckpointStore.OpenPostgres("Host=127.0.0.1;Port=1;Username=es;Password=hunter2;Database=x;Timeout=2"));
        Assert.Contains("postgres://127.0.0.1:1/x", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
