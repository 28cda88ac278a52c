namespace Es.Seed.Tests.Cli;

public sealed class ResumeEvalRunsTests : IDisposable
{
    private const string Small = """
        { "seed": 3, "generations": 6, "env": { "name": "CartPole-v1" }, "policy": { "hidden": [8] },
          "strategy": { "population": 16, "sigma": 0.1 }, "noise": { "table_size": 1048576 },
          "evaluation": { "every": 2, "episodes": 4, "stop_when_solved": false }, "persistence": { "snapshot_every": 4 } }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<string> TrainAsync(params string[] extra)
    {
        var runDir = Path.Combine(_cli.Root, "run");
        Assert.Equal(0, await _cli.RunAsync(["train", _cli.Write("c.json", Small), "--run-dir", runDir, .. extra]));
        return runDir;
    }

    private static string Hash(string runDir) =>
        CliRunner.ReadJson(Path.Combine(runDir, "summary.json")).GetProperty("theta_sha256").GetString()!;

    [Fact]
    public async Task Resume_MoreGenerations_SameThetaAsOneLongRun()
    {
        var runDir = await TrainAsync();
        Assert.True(File.Exists(Path.Combine(runDir, "store.db")));
        Assert.Equal(0, await _cli.RunAsync("resume", runDir, "--generations", "10"));
        Assert.Contains("resuming run run at generation 6", _cli.Out, StringComparison.Ordinal);

        var longRun = Path.Combine(_cli.Root, "long");
        Assert.Equal(0, await _cli.RunAsync("train", Path.Combine(_cli.Root, "c.json"), "--run-dir", longRun, "--generations", "10"));
        Assert.Equal(Hash(longRun), Hash(runDir));
        Assert.Equal(10, CliRunner.ReadJson(Path.Combine(runDir, "config.json")).GetProperty("generations").GetInt32());
    }

    [Fact]
    public async Task Resume_FinishedRunWithoutMoreGenerations_NothingToDo()
    {
        var runDir = await TrainAsync();
        var summary = File.ReadAllText(Path.Combine(runDir, "summary.json"));
        Assert.Equal(0, await _cli.RunAsync("resume", runDir));
        Assert.Contains("is already finished (6 generations); nothing to resume", _cli.Out, StringComparison.Ordinal);
        Assert.Equal(summary, File.ReadAllText(Path.Combine(runDir, "summary.json")));
    }

    [Fact]
    public async Task Resume_ChangedConfiguration_RefusedListingTheKeys()
    {
        var runDir = await TrainAsync();
        var configPath = Path.Combine(runDir, "config.json");
        var edited = File.ReadAllText(configPath).Replace("\"sigma\": 0.1", "\"sigma\": 0.2", StringComparison.Ordinal).Replace("\"l2\": 0.005", "\"l2\": 0.01", StringComparison.Ordinal);
        File.WriteAllText(configPath, edited);

        Assert.Equal(2, await _cli.RunAsync("resume", runDir));
        Assert.Contains("strategy.sigma, strategy.l2", _cli.Error, StringComparison.Ordinal);
        Assert.Contains("only the generation count and the akka section may change", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_ChangedAkkaSection_Accepted_AndKept()
    {
        var runDir = await TrainAsync();
        var configPath = Path.Combine(runDir, "config.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!;
        config["akka"] = new System.Text.Json.Nodes.JsonObject { ["loglevel"] = "WARNING" };
        File.WriteAllText(configPath, config.ToJsonString());

        Assert.Equal(0, await _cli.RunAsync("resume", runDir, "--generations", "8"));

        Assert.Equal("WARNING", CliRunner.ReadJson(configPath).GetProperty("akka").GetProperty("loglevel").GetString());
    }

    [Fact]
    public async Task Resume_NotARunDirectory_SaysSo()
    {
        Assert.Equal(2, await _cli.RunAsync("resume", _cli.Root));
        Assert.Contains("is not a run directory", _cli.Error, StringComparison.Ordinal);
        Assert.Equal(2, await _cli.RunAsync("resume", Path.Combine(_cli.Root, "nowhere")));
        Assert.Contains("no such run directory", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_StoreMissingOrUnreadable_ErrorNamesIt()
    {
        var runDir = await TrainAsync();
        var store = DeleteStore(runDir);
        Assert.Equal(2, await _cli.RunAsync("resume", runDir));
        Assert.Contains(store, _cli.Error, StringComparison.Ordinal);

        File.WriteAllText(store, "garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage");
        Assert.Equal(2, await _cli.RunAsync("resume", runDir));
        Assert.Contains($"cannot open the checkpoint store {store}", _cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_StoreOfTheEarlierFormat_RefusedUntouched()
    {
        var runDir = await TrainAsync();
        var store = DeleteStore(runDir);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE es_schema (version INTEGER NOT NULL); INSERT INTO es_schema VALUES (1)";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(store);

        Assert.Equal(2, await _cli.RunAsync("resume", runDir));
        Assert.Contains("was written by an earlier EsAkka", _cli.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(store));
        Assert.Equal(0, await _cli.RunAsync("runs", runDir));
        Assert.Contains("earlier format", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_FinishedRun_ScoresTheFinalPolicy()
    {
        var runDir = await TrainAsync();
        Assert.Equal(0, await _cli.RunAsync("eval", runDir, "--episodes", "5"));
        Assert.Contains("CartPole-v1 at generation 6: mean return", _cli.Out, StringComparison.Ordinal);
        Assert.Contains("over 5 episodes", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_ListsTheRunWithItsStatus()
    {
        await TrainAsync();
        Assert.Equal(0, await _cli.RunAsync("runs", _cli.Root));
        var lines = _cli.Out.Trim().Split('\n');
        Assert.StartsWith("RUN", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^run\s+CartPole-v1\s+6\s+\S+\s+finished$", lines[1].Trim());
    }

    /// <summary>Deletes a run's SQLite store with its write-ahead log; returns its path.</summary>
    private static string DeleteStore(string runDir)
    {
        var store = Path.Combine(runDir, "store.db");
        File.Delete(store);
        File.Delete(store + "-wal");
        File.Delete(store + "-shm");
        return store;
    }
}
