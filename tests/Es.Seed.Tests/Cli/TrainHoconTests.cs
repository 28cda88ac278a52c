using System.Text.Json.Nodes;
using Es.Seed.Tests.Configuration;

namespace Es.Seed.Tests.Cli;

/// <summary><c>train x.conf</c> and the <c>akka</c> section, end to end through the CLI.</summary>
public sealed class TrainHoconTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Bad input, said in one line.</summary>
    private async Task<string> FailsWithBadInputAsync(params string[] args)
    {
        var error = (await _cli.FailsWithBadInputAsync(args)).Trim();
        Assert.Single(error.Split('\n'));
        return error;
    }

    [Fact]
    public async Task Train_CartPoleAsHocon_SameConfigJsonAndThetaAsTheShippedJson()
    {
        var conf = _cli.Write("cartpole.conf", HoconConfigFileTests.CartPole);
        var fromJson = Path.Combine(_cli.Root, "json");
        var fromHocon = Path.Combine(_cli.Root, "hocon");

        Assert.Equal(0, await _cli.RunAsync("train", ShippedConfigs.Path("cartpole.json"), "--generations", "3", "--workers", "2", "--run-dir", fromJson));
        Assert.Equal(0, await _cli.RunAsync("train", conf, "--generations", "3", "--workers", "2", "--run-dir", fromHocon));

        Assert.Equal(File.ReadAllText(Path.Combine(fromJson, "config.json")), File.ReadAllText(Path.Combine(fromHocon, "config.json")));
        string Hash(string dir) => CliRunner.ReadJson(Path.Combine(dir, "summary.json")).GetProperty("theta_sha256").GetString()!;
        Assert.Equal(Hash(fromJson), Hash(fromHocon));
    }

    [Fact]
    public async Task Train_HoconSyntaxError_OneLineNamingTheFile_NothingWritten()
    {
        var conf = _cli.Write("bad.conf", "seed = 1\npolicy {\n  hidden = [16\n}\n");
        var runDir = Path.Combine(_cli.Root, "run");

        var error = await FailsWithBadInputAsync("train", conf, "--run-dir", runDir);

        Assert.Equal($"error: {conf}: not valid HOCON (line 4): '}}' where the '[' opened at line 3 should be closed", error);
        Assert.False(Directory.Exists(runDir));
    }

    [Fact]
    public async Task Train_UnknownKeyInHocon_SameMessageAsInJson()
    {
        var conf = _cli.Write("c.conf", "akka.loglevel = DEBUG\nstrategy.populaton = 10");
        var json = _cli.Write("c.json", """{"akka": {"loglevel": "DEBUG"}, "strategy": {"populaton": 10}}""");

        var fromHocon = await FailsWithBadInputAsync("train", conf);
        var fromJson = await FailsWithBadInputAsync("train", json);

        Assert.StartsWith($"error: {conf}: strategy.populaton: unknown key", fromHocon, StringComparison.Ordinal);
        Assert.Equal(fromJson.Replace(json, conf, StringComparison.Ordinal), fromHocon);
    }

    [Fact]
    public async Task Train_AkkaSettingAkkaRefuses_BadInputNamingSet_NothingWritten()
    {
        var json = _cli.Write("c.json", "{}");
        var runDir = Path.Combine(_cli.Root, "run");

        var error = await FailsWithBadInputAsync("train", json, "--run-dir", runDir, "--set", "akka.loglevel=LOUD");

        Assert.StartsWith("error: --set: akka: Akka.NET refused these settings: Unknown LogLevel: \"LOUD\"", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(runDir));
    }

    [Fact]
    public async Task Train_AkkaSectionAndSet_ReachTheRunsActorSystem_AndConfigJson()
    {
        var marker = Guid.NewGuid().ToString("N");
        var conf = _cli.Write("c.conf", SettingsProbeLogger.Quadratic(marker));
        var runDir = Path.Combine(_cli.Root, "run");

        Assert.Equal(0, await _cli.RunAsync("train", conf, "--workers", "1", "--run-dir", runDir, "--set", "akka.loglevel=WARNING"));

        Assert.Contains($"es-embedded: {marker}, loglevel WARNING", SettingsProbeLogger.Seen);
        var akka = JsonNode.Parse(File.ReadAllText(Path.Combine(runDir, "config.json")))!["akka"]!;
        Assert.Equal("WARNING", (string?)akka["loglevel"]);
        Assert.Equal(marker, (string?)akka["test-marker"]);
    }
}
