using Es.Actors.Persistence;
using Microsoft.Data.Sqlite;

namespace Es.Actors.Tests.Persistence;

public sealed class SqliteCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("es-sqlite-").FullName;

    private string StorePath => Path.Combine(_directory, "store.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override CheckpointStore OpenStore() => CheckpointStore.OpenSqlite(StorePath);

    protected override void ExecuteRaw(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    [Fact]
    public void OpenSqlite_NotADatabase_ErrorNamesTheFile()
    {
        File.WriteAllText(StorePath, "this is not a database, just text that is long enough to look like a header...");
        var error = Assert.Throws<CheckpointException>(() => CheckpointStore.OpenSqlite(StorePath));
        Assert.Contains(StorePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSqlite_NewerSchema_Refused()
    {
        using (OpenStore())
        {
        }

        ExecuteRaw("UPDATE es_schema SET version = 99");
        Assert.Contains("schema version 99", Assert.Throws<CheckpointException>(OpenStore).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSqlite_MissingFileWithoutCreate_Refused() =>
        Assert.Throws<CheckpointException>(() => CheckpointStore.OpenSqlite(Path.Combine(_directory, "absent.db"), createIfMissing: false));
}
