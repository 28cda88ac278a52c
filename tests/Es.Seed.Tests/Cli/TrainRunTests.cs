namespace Es.Seed.Tests.Cli;

public sealed class TrainRunTests : IDisposable
{
    private const string SmallCartPole = """
        {
          "seed": 3,
          "generations": 4,
          "env": { "name": "CartPole-v1" },
          "policy": { "hidden": [8] },
          "strategy": { "population": 16, "sigma": 0.1 },
          "noise": { "table_size": 1048576 },
          "obs_norm": { "fraction": 0.5 },
          "evaluation": { "every": 2, "episodes": 4 },
          "tasks": { "candidates_per_task": 3 }
        }
        """;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Train_Quadratic_WritesTheRunDirectoryAndSolves()
    {
        var path = _cli.Write("q.json", """
            { "seed": 1, "generations": 300, "env": { "name": "quadratic" },
              "strategy": { "population": 50, "sigma": 0.1, "shaping": "z_score", "l2": 0 },
              "optimizer": { "name": "sgd", "learning_rate": 0.05 },
              "noise": { "table_size": 1048576 }, "evaluation": { "every": 1, "episodes": 1 } }
            """);
        var runDir = Path.Combine(_cli.Root, "run");

        Assert.Equal(0, await _cli.RunAsync("train", path, "--run-dir", runDir, "--workers", "2"));

        var summary = CliRunner.ReadJson(Path.Combine(runDir, "summary.json"));
        foreach (var field in new[] { "run_id", "env", "strategy", "generations_completed", "evaluations", "env_steps", "wall_seconds", "final_eval_return", "best_eval_return", "solved", "solved_generation", "theta_sha256", "evaluator_restarts", "tasks_redelivered", "candidates_retried", "candidates_failed" })
        {
            Assert.True(summary.TryGetProperty(field, out _), $"summary.json lacks {field}");
        }

        Assert.True(summary.GetProperty("solved").GetBoolean());
        Assert.Equal("quadratic", summary.GetProperty("env").GetString());
        Assert.True(summary.GetProperty("final_eval_return").GetDouble() >= -1e-3);
        Assert.Equal(64, summary.GetProperty("theta_sha256").GetString()!.Length);
        var config = CliRunner.ReadJson(Path.Combine(runDir, "config.json"));
        Assert.Equal(50, config.GetProperty("strategy").GetProperty("population").GetInt32());
        Assert.Equal(0.005 * 0, config.GetProperty("strategy").GetProperty("l2").GetDouble());
        var metrics = File.ReadAllLines(Path.Combine(runDir, "metrics.csv"));
        Assert.StartsWith("generation,", metrics[0], StringComparison.Ordinal);
        Assert.Equal(summary.GetProperty("generations_completed").GetInt32() + 1, metrics.Length - 1);
        Assert.Contains("solved", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_OneOrTwoWorkers_SameThetaHash()
    {
        var path = _cli.Write("c.json", SmallCartPole);
        string Hash(string dir) => CliRunner.ReadJson(Path.Combine(dir, "summary.json")).GetProperty("theta_sha256").GetString()!;

        Assert.Equal(0, await _cli.RunAsync("train", path, "--run-dir", Path.Combine(_cli.Root, "w1"), "--workers", "1"));
        Assert.Equal(0, await _cli.RunAsync("train", path, "--run-dir", Path.Combine(_cli.Root, "w2"), "--workers", "2"));
        Assert.Equal(Hash(Path.Combine(_cli.Root, "w1")), Hash(Path.Combine(_cli.Root, "w2")));
    }

    [Fact]
    public async Task Train_SeedAndGenerationsOptions_OverrideTheFile()
    {
        var path = _cli.Write("c.json", SmallCartPole);
        var runDir = Path.Combine(_cli.Root, "run");
        Assert.Equal(0, await _cli.RunAsync("train", path, "--run-dir", runDir, "--seed", "9", "--generations", "2", "--set", "evaluation.stop_when_solved=false"));
        var config = CliRunner.ReadJson(Path.Combine(runDir, "config.json"));
        Assert.Equal(9UL, config.GetProperty("seed").GetUInt64());
        Assert.Equal(2, CliRunner.ReadJson(Path.Combine(runDir, "summary.json")).GetProperty("generations_completed").GetInt32());
    }
    [Fact]
    public async Task Train_EvaluationThreshold_SolvedAtTheConfiguredTarget()
    {
        var path = _cli.Write("q.json", """
            { "seed": 1, "generations": 300, "env": { "name": "quadratic" },
              "strategy": { "population": 50, "sigma": 0.1, "shaping": "z_score", "l2": 0 },
              "optimizer": { "name": "sgd", "learning_rate": 0.05 },
              "noise": { "table_size": 1048576 }, "evaluation": { "every": 1, "episodes": 1 } }
            """);
        async Task<int> SolvedAt(string name, params string[] set)
        {
            var runDir = Path.Combine(_cli.Root, name);
            Assert.Equal(0, await _cli.RunAsync(["train", path, "--run-dir", runDir, .. set]));
            var summary = CliRunner.ReadJson(Path.Combine(runDir, "summary.json"));
            Assert.True(summary.GetProperty("solved").GetBoolean(), name);
            return summary.GetProperty("solved_generation").GetInt32();
        }

        int own = await SolvedAt("own");
        int looser = await SolvedAt("looser", "--set", "evaluation.threshold=-1e3");
        int stricter = await SolvedAt("stricter", "--set", "evaluation.threshold=-1e-6");

        Assert.True(looser < own, $"f <= 1e3 solved at {looser}, the function's own target at {own}");
        Assert.True(stricter > own, $"f <= 1e-6 solved at {stricter}, the function's own target at {own}");
    }
}
