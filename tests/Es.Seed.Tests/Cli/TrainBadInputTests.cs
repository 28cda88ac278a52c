namespace Es.Seed.Tests.Cli;

public sealed class TrainBadInputTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<string> FailsWithBadInputAsync(params string[] args) => _cli.FailsWithBadInputAsync(args);

    [Fact]
    public async Task Train_MissingFile_NamesTheFile()
    {
        var missing = Path.Combine(_cli.Root, "nope.json");
        Assert.Contains($"{missing}: cannot read the file", await FailsWithBadInputAsync("train", missing), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_MalformedJson_NamesTheFileAndLine()
    {
        var path = _cli.Write("bad.json", "{\n  \"seed\": 1,\n  oops\n}");
        var error = await FailsWithBadInputAsync("train", path);
        Assert.Contains($"{path}: not valid JSON (line 3", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Train_UnknownKey_NamesTheKey()
    {
        var path = _cli.Write("c.json", "{\"strategy\": {\"populaton\": 10}}");
        Assert.Contains($"{path}: strategy.populaton: unknown key", await FailsWithBadInputAsync("train", path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_UnknownEnvironment_ListsTheKnownOnes()
    {
        var path = _cli.Write("c.json", "{\"env\": {\"name\": \"Breakout\"}}");
        var error = await FailsWithBadInputAsync("train", path);
        Assert.Contains("env.name: unknown value \"Breakout\"; known: CartPole-v1, Pendulum-v1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_EnvironmentUnavailable_OneLineNamingWhatToInstall()
    {
        Es.Core.Environments.EnvironmentRegistry.Register(
            "Unavailable-v0",
            () => throw new Es.Core.Environments.EnvironmentUnavailableException("the engine was not found; install it with: apt-get install -y libmujoco2.2.2"));
        var path = _cli.Write("c.json", "{\"env\": {\"name\": \"Unavailable-v0\"}}");

        var error = await FailsWithBadInputAsync("train", path);

        Assert.Contains($"{path}: env.name: Unavailable-v0: the engine was not found; install it with: apt-get install -y libmujoco2.2.2", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Train_OutOfRangeSet_NamesSetAndTheKey()
    {
        var path = _cli.Write("c.json", "{}");
        Assert.Contains("--set: strategy.sigma: expected a number", await FailsWithBadInputAsync("train", path, "--set", "strategy.sigma=-1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ZeroWorkers_Refused()
    {
        var path = _cli.Write("c.json", "{}");
        Assert.Contains("--workers", await FailsWithBadInputAsync("train", path, "--workers", "0"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_UnknownOption_Refused() =>
        await FailsWithBadInputAsync("train", "x.json", "--frobnicate");

    [Fact]
    public async Task Train_NoiseTableSmallerThanPolicy_NamesTheKey()
    {
        var path = _cli.Write("c.json", "{\"policy\": {\"hidden\": [512, 512]}, \"noise\": {\"table_size\": 2048}}");
        Assert.Contains("noise.table_size: expected at least", await FailsWithBadInputAsync("train", path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_RunDirectoryHoldsARun_RefusedAndNothingTouched()
    {
        var runDir = Path.Combine(_cli.Root, "run");
        Directory.CreateDirectory(runDir);
        var existing = Path.Combine(runDir, "summary.json");
        File.WriteAllText(existing, "{\"precious\": true}");
        var path = _cli.Write("c.json", "{}");

        Assert.Contains("already holds a run", await FailsWithBadInputAsync("train", path, "--run-dir", runDir), StringComparison.Ordinal);
        Assert.Equal("{\"precious\": true}", File.ReadAllText(existing));
        Assert.False(File.Exists(Path.Combine(runDir, "config.json")));
    }
}
