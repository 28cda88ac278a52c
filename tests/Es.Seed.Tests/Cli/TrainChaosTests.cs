namespace Es.Seed.Tests.Cli;

/// <summary><c>train --set chaos.*</c>: faults injected on purpose change the counters, never θ.</summary>
public sealed class TrainChaosTests : IDisposable
{
    private const string SmallCartPole = """
        {
          "seed": 3,
          "generations": 4,
          "env": { "name": "CartPole-v1" },
          "policy": { "hidden": [8] },
          "strategy": { "population": 32, "sigma": 0.1 },
          "noise": { "table_size": 1048576 },
          "obs_norm": { "fraction": 0.5 },
          "evaluation": { "every": 2, "episodes": 4 },
          "tasks": { "candidates_per_task": 4 }
        }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Train_CrashRateTenPercent_SameThetaHashAndRestartsReported()
    {
        var path = _cli.Write("c.json", SmallCartPole);
        var clean = Path.Combine(_cli.Root, "clean");
        var chaos = Path.Combine(_cli.Root, "chaos");

        Assert.Equal(0, await _cli.RunAsync("train", path, "--run-dir", clean, "--workers", "2"));
        Assert.Equal(0, await _cli.RunAsync("train", path, "--run-dir", chaos, "--workers", "2", "--set", "chaos.evaluator_crash_rate=0.1"));

        var cleanSummary = CliRunner.ReadJson(Path.Combine(clean, "summary.json"));
        var chaosSummary = CliRunner.ReadJson(Path.Combine(chaos, "summary.json"));
        Assert.Equal(cleanSummary.GetProperty("theta_sha256").GetString(), chaosSummary.GetProperty("theta_sha256").GetString());
        Assert.True(chaosSummary.GetProperty("evaluator_restarts").GetInt64() > 0);
        Assert.True(chaosSummary.GetProperty("candidates_retried").GetInt64() > 0);
        Assert.Equal(0, chaosSummary.GetProperty("candidates_failed").GetInt64());
        Assert.Equal(0, cleanSummary.GetProperty("evaluator_restarts").GetInt64());
        var header = File.ReadLines(Path.Combine(chaos, "metrics.csv")).First();
        Assert.EndsWith(",obs_count,candidates_failed", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_CrashRateOutOfRange_BadInputNamingTheKey()
    {
        var path = _cli.Write("c.json", SmallCartPole);
        Assert.Equal(2, await _cli.RunAsync("train", path, "--run-dir", Path.Combine(_cli.Root, "x"), "--set", "chaos.evaluator_crash_rate=2"));
        Assert.Contains("chaos.evaluator_crash_rate", _cli.Error, StringComparison.Ordinal);
    }
}
