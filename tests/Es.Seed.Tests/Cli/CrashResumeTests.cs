using System.Globalization;
using Es.TestKit;

namespace Es.Seed.Tests.Cli;

/// <summary>
/// Kill -9 a real training process at several moments, resume each time, and arrive at the
/// uninterrupted θ. The moments are seeded chaos hangs (which do not change θ): a hung
/// evaluator holds its generation until the task deadline (at least 1 s), so the kill
/// always lands in the middle of a run instead of racing its end, however fast it trains.
/// </summary>
public abstract class CrashResumeTests : IDisposable
{
    private const int Generations = 36;

    private readonly CliRunner _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract string Provider { get; }

    protected abstract IReadOnlyDictionary<string, string> Environment { get; }

    private protected CliRunner Cli => _cli;

    /// <param name="taskDeadlineSeconds">supervision.task_deadline_seconds: how long a hang holds its generation (0 = derived, at least 1 s).</param>
    protected string Config(int taskDeadlineSeconds = 0) => _cli.Write("c.json", $$"""
        { "seed": 5, "generations": {{Generations}}, "env": { "name": "CartPole-v1" }, "policy": { "hidden": [8] },
          "strategy": { "population": 32, "sigma": 0.1 }, "noise": { "table_size": 1048576 }, "obs_norm": { "fraction": 0.2 },
          "evaluation": { "every": 10, "episodes": 10, "stop_when_solved": false },
          "persistence": { "provider": "{{Provider}}", "snapshot_every": 7 }, "supervision": { "task_deadline_seconds": {{taskDeadlineSeconds}} },
          "chaos": { "evaluator_hang_rate": 0.005 } }
        """);

    protected static string Hash(string runDir) =>
        CliRunner.ReadJson(Path.Combine(runDir, "summary.json")).GetProperty("theta_sha256").GetString()!;

    [Fact]
    public async Task KillNineAtRandomMoments_Resume_SameThetaAsUninterrupted()
    {
        var config = Config();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var reference = Path.Combine(_cli.Root, "reference-" + suffix);
        var crashed = Path.Combine(_cli.Root, "crashed-" + suffix);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using (var uninterrupted = SeedProcess.Start(Environment, "train", config, "--run-dir", reference, "--workers", "2"))
        {
            var error = await uninterrupted.WaitForExitAsync(deadline.Token);
            Assert.True(uninterrupted.ExitCode == 0, error);
        }

        // With seed 5 the first attempts hang in generations 8, 19, 20, 22, 28 and 29: each
        // kill waits for a hang in a later generation than the last, so every resume moves on.
        int kills = 0, killedAt = -1;
        var args = new[] { "train", config, "--run-dir", crashed, "--workers", "2" };
        for (int attempt = 0; attempt < 10; attempt++)
        {
            using var process = SeedProcess.Start(Environment, args);
            args = ["resume", crashed, "--workers", attempt % 2 == 0 ? "1" : "2"];
            var hang = kills < 3
                ? await process.WaitForErrorLineAsync(l => HungGeneration(l) > killedAt, deadline.Token)
                : null;
            if (hang is not null)
            {
                await process.KillHardAsync(deadline.Token);
                killedAt = HungGeneration(hang);
                kills++;
                if (kills == 1 && Provider == "sqlite")
                {
                    Assert.Equal(0, await _cli.RunAsync("runs", _cli.Root));
                    Assert.Matches($@"crashed-{suffix}\s+CartPole-v1\s+\d+\s+\S+\s+crashed", _cli.Out);
                }

                continue;
            }

            var error = await process.WaitForExitAsync(deadline.Token);
            Assert.True(process.ExitCode == 0, error);
            break;
        }

        Assert.Equal(3, kills);
        Assert.Equal(Hash(reference), Hash(crashed));
        var metrics = File.ReadAllLines(Path.Combine(crashed, "metrics.csv"));
        Assert.Equal(Generations + 2, metrics.Length); // header, one row per generation, the final evaluation
    }

    /// <summary>The generation of a "chaos: hang injected at gG/cC" log line; −1 for any other line.</summary>
    private static int HungGeneration(string line)
    {
        const string Marker = "chaos: hang injected at g";
        int at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        int start = at + Marker.Length;
        return int.Parse(line.AsSpan(start, line.IndexOf('/', start) - start), CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteCrashResumeTests : CrashResumeTests
{
    protected override string Provider => "sqlite";

    protected override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashResumeTests(PostgresFixture postgres) : CrashResumeTests
{
    protected override string Provider => "postgres";

    [Fact]
    public async Task SecondCoordinator_SameRunInAnotherProcess_OneStopsAndTheOtherFinishesWithTheSameTheta()
    {
        var config = Config(taskDeadlineSeconds: 3);
        var name = "shared-" + Guid.NewGuid().ToString("N")[..8];
        var reference = Path.Combine(Cli.Root, "reference-" + name);
        var first = Path.Combine(Cli.Root, "a", name);
        var second = Path.Combine(Cli.Root, "b", name);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using (var uninterrupted = SeedProcess.Start(Environment, "train", config, "--run-dir", reference, "--workers", "2"))
        {
            var error = await uninterrupted.WaitForExitAsync(deadline.Token);
            Assert.True(uninterrupted.ExitCode == 0, error);
        }

        // The first coordinator is frozen in generation 19 (SIGSTOP) while a second one, a resume
        // of the same run (same name, same store) from another directory, takes the run and
        // goes on; then the first wakes up with generation 19 to write. It is frozen only once
        // generation 18 is durable (its line is printed then), while a hang holds generation 19
        // for the task deadline: no write of its own is open then. Frozen inside a write, it
        // would hold its rows' locks, and the second would wait for it instead.
        using var one = SeedProcess.Start(Environment, "train", config, "--run-dir", first, "--workers", "2");
        await one.WaitForErrorLineAsync(l => l.Contains("chaos: hang injected at g19/", StringComparison.Ordinal), deadline.Token);
        Assert.NotNull(await one.WaitForLineAsync(l => l.StartsWith("gen 18/", StringComparison.Ordinal), deadline.Token));
        await one.SignalAsync("STOP", deadline.Token);
        Directory.CreateDirectory(second);
        File.Copy(Path.Combine(first, "config.json"), Path.Combine(second, "config.json"));
        using var two = SeedProcess.Start(Environment, "resume", second, "--workers", "2");
        await two.WaitForLineAsync(l => l.StartsWith("gen 20/", StringComparison.Ordinal), deadline.Token);
        await one.SignalAsync("CONT", deadline.Token);
        var errors = await Task.WhenAll(one.WaitForExitAsync(deadline.Token), two.WaitForExitAsync(deadline.Token));

        // Only one coordinator may write the run's history: the first stops at its next write.
        Assert.True(one.ExitCode == 1, errors[0]);
        Assert.Contains("another coordinator may be writing this run", errors[0], StringComparison.Ordinal);
        Assert.True(two.ExitCode == 0, errors[1]);
        Assert.Equal(Hash(reference), Hash(second));
    }

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["ES_POSTGRES_CONNECTION"] = postgres.Server.ConnectionString,
    };
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
