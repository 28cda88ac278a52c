using System.Globalization;

namespace Es.Seed.Tests.Cli;

/// <summary>
/// Every strategy keeps the determinism contract of the CLI: the same theta_sha256 with one
/// evaluator and with two, after a stop and resume from snapshot plus journal, and after a
/// kill -9 and resume. The strategy name is the theory's parameter (strategy.name), so a
/// cluster test can take the same list.
/// </summary>
public sealed class StrategyDeterminismTests : IDisposable
{
    private const int Generations = 12;

    // The GA with a decaying σ keeps a genome entry per generation; its snapshots must rebuild too.
    private const string DecayingGa = "ga with sigma_decay";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string> Strategies() => [.. Es.Core.Configuration.ConfigLoader.Strategies, DecayingGa];

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Train_OneAndTwoEvaluatorsAndAResume_SameTheta(string strategy)
    {
        var config = Config(strategy, hangRate: 0);
        var one = Path.Combine(_cli.Root, "one");
        var two = Path.Combine(_cli.Root, "two");
        var resumed = Path.Combine(_cli.Root, "resumed");

        Assert.Equal(0, await _cli.RunAsync("train", config, "--run-dir", one, "--workers", "1"));
        Assert.Equal(0, await _cli.RunAsync("train", config, "--run-dir", two, "--workers", "2"));
        Assert.Equal(0, await _cli.RunAsync("train", config, "--run-dir", resumed, "--workers", "2", "--generations", "5"));
        Assert.Equal(0, await _cli.RunAsync("resume", resumed, "--workers", "1", "--generations", Generations.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(Hash(one), Hash(two));
        Assert.Equal(Hash(one), Hash(resumed));
        Assert.Equal(strategy == DecayingGa ? "ga" : strategy, CliRunner.ReadJson(Path.Combine(one, "summary.json")).GetProperty("strategy").GetString());
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task KillNineDuringAGeneration_Resume_SameThetaAsUninterrupted(string strategy)
    {
        // A seeded chaos hang (which never changes θ) holds a generation until its task deadline,
        // so the kill lands in the middle of the run rather than racing its end. The deadline is
        // fixed (the config's 2 s) so the hangs after the resume do not wait for the derived one.
        var config = Config(strategy, hangRate: 0.02);
        var reference = Path.Combine(_cli.Root, "reference");
        var crashed = Path.Combine(_cli.Root, "crashed");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        Assert.Equal(0, await _cli.RunAsync("train", config, "--run-dir", reference, "--workers", "2"));

        using (var process = SeedProcess.Start(null, "train", config, "--run-dir", crashed, "--workers", "2"))
        {
            var hang = await process.WaitForErrorLineAsync(l => l.Contains("chaos: hang injected at g", StringComparison.Ordinal), deadline.Token);
            Assert.NotNull(hang);
            await process.KillHardAsync(deadline.Token);
        }

        using (var resume = SeedProcess.Start(null, "resume", crashed, "--workers", "1"))
        {
            var error = await resume.WaitForExitAsync(deadline.Token);
            Assert.True(resume.ExitCode == 0, error);
        }

        Assert.Equal(Hash(reference), Hash(crashed));
    }

    private string Config(string strategy, double hangRate)
    {
        // CartPole with a small policy and observation statistics: θ, the strategy state and the
        // filter all have to come back. An odd population for the strategies that allow one.
        // Episodes end at 100 steps, so no run is ever solved (resume refuses to go on with a
        // solved run) and every run goes the full distance.
        bool mirrored = Es.Core.Configuration.ConfigLoader.MirroredStrategies.Contains(strategy);
        string name = strategy == DecayingGa ? "ga" : strategy;
        string schedule = strategy == DecayingGa ? ", \"sigma_decay\": 0.8, \"sigma_limit\": 0.02" : string.Empty;
        string optimizer = strategy switch
        {
            "pgpe" => """{ "name": "clipup", "learning_rate": 0.1 }""",
            "ars" => """{ "name": "sgd", "learning_rate": 0.02, "momentum": 0 }""",
            _ => """{ "name": "adam", "learning_rate": 0.03 }""",
        };
        return _cli.Write($"{name}{(schedule.Length > 0 ? "-decaying" : string.Empty)}.json", $$"""
            { "seed": 3, "generations": {{Generations}}, "env": { "name": "CartPole-v1", "max_steps": 100 }, "policy": { "hidden": [4] },
              "strategy": { "name": "{{name}}", "population": {{(mirrored ? 16 : 15)}}, "sigma": 0.1, "truncation": 4, "top_directions": 4{{schedule}} },
              "optimizer": {{optimizer}}, "noise": { "table_size": 1048576 }, "obs_norm": { "fraction": 0.2 },
              "evaluation": { "every": 4, "episodes": 4, "stop_when_solved": false },
              "persistence": { "snapshot_every": 3 }, "supervision": { "task_deadline_seconds": 2 }, "chaos": { "evaluator_hang_rate": {{hangRate.ToString(CultureInfo.InvariantCulture)}} } }
            """);
    }

    private static string Hash(string runDir) =>
        CliRunner.ReadJson(Path.Combine(runDir, "summary.json")).GetProperty("theta_sha256").GetString()!;
}
