using System.Text.Json;
using Es.Seed.Tests.Cli;

namespace Es.Seed.Tests.Bench;

/// <summary>The bench command's contract: one JSON object with the documented keys; bad input exits 2. No timing is asserted.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private const string SmallCartPole = """
        { "env": { "name": "CartPole-v1" }, "policy": { "hidden": [8] },
          "strategy": { "population": 8 }, "noise": { "table_size": 100000 } }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task BenchUpdate_Json_PrintsBothBandwidths()
    {
        Assert.Equal(0, await _cli.RunAsync("bench", "update", "--dim", "1000", "--population", "10", "--table-size", "100000", "--seconds", "0.01", "--json"));
        var report = JsonDocument.Parse(_cli.Out).RootElement;
        Assert.True(report.GetProperty("update_gb_per_second").GetDouble() > 0);
        Assert.True(report.GetProperty("read_gb_per_second").GetDouble() > 0);
        Assert.Equal(5, report.GetProperty("noise_slices").GetInt32());
    }

    [Fact]
    public async Task BenchRollout_Json_PrintsStepsPerSecond()
    {
        var path = _cli.Write("small.json", SmallCartPole);
        Assert.Equal(0, await _cli.RunAsync("bench", "rollout", path, "--seconds", "0.05", "--json"));
        var report = JsonDocument.Parse(_cli.Out).RootElement;
        Assert.Equal("CartPole-v1", report.GetProperty("env").GetString());
        Assert.True(report.GetProperty("env_steps_per_second").GetDouble() > 0);
    }

    [Fact]
    public async Task BenchRollout_MuJoCoTask_ReportsPhysicsStepsAndTheModelFile()
    {
        var path = _cli.Write("pendulum.json", """
            { "env": { "name": "InvertedPendulum-v4" }, "policy": { "hidden": [8] },
              "strategy": { "population": 8 }, "noise": { "table_size": 100000 } }
            """);
        Assert.Equal(0, await _cli.RunAsync("bench", "rollout", path, "--seconds", "0.05", "--json"));
        var report = JsonDocument.Parse(_cli.Out).RootElement;
        Assert.EndsWith("Models/inverted_pendulum.xml", report.GetProperty("model_file").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, report.GetProperty("frame_skip").GetInt32());
        Assert.Equal(2 * report.GetProperty("env_steps").GetInt64(), report.GetProperty("physics_steps").GetInt64());
        Assert.True(report.GetProperty("physics_steps_per_second").GetDouble() > 0);
        Assert.True(report.GetProperty("bare_physics_steps_per_second").GetDouble() > 0);
    }

    [Fact]
    public async Task BenchGeneration_Json_SplitsTheGenerationAndKeepsThetaIdentical()
    {
        var path = _cli.Write("small.json", SmallCartPole);
        Assert.Equal(0, await _cli.RunAsync("bench", "generation", path, "--generations", "3", "--repetitions", "1", "--workers", "2", "--json"));
        var report = JsonDocument.Parse(_cli.Out).RootElement;
        foreach (var key in new[] { "evaluation_seconds", "aggregation_seconds", "update_seconds", "coordination_seconds", "evaluations_per_second_1_worker", "evaluations_per_second_all_workers" })
        {
            Assert.True(report.TryGetProperty(key, out _), key);
        }

        Assert.True(report.GetProperty("theta_identical").GetBoolean());
        double busy = report.GetProperty("busy_fraction_all_workers").GetDouble();
        Assert.InRange(busy, double.Epsilon, 1.0); // time in episodes, summed over both evaluators, over twice the wall time
    }

    [Fact]
    public async Task BenchUpdate_OddPopulation_ExitsWithBadInput()
    {
        Assert.Equal(2, await _cli.RunAsync("bench", "update", "--population", "7"));
        Assert.Contains("--population", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchRollout_MissingConfig_ExitsWithBadInput()
    {
        Assert.Equal(2, await _cli.RunAsync("bench", "rollout", Path.Combine(_cli.Root, "nope.json")));
        Assert.Contains("cannot read the file", _cli.Error, StringComparison.Ordinal);
    }
}
