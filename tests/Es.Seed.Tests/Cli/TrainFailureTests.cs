using Es.Seed.Tests.Configuration;

namespace Es.Seed.Tests.Cli;

/// <summary>A run that fails (here: more candidates failed than <c>supervision.max_failed_fraction</c> allows) exits 1 and says in <c>summary.json</c> how far it got.</summary>
public sealed class TrainFailureTests : IDisposable
{
    // A crash in the first attempt of a few candidates, with one attempt allowed and no failed
    // candidate tolerated: the first generation with a crash fails the run. Which generation
    // that is follows from the run seed alone.
    private static readonly string[] FailsMidRun =
    [
        "--set", "chaos.evaluator_crash_rate=0.002",
        "--set", "supervision.max_attempts=1",
        "--set", "supervision.max_failed_fraction=0",
    ];

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Train_GenerationFailsMidRun_ExitOneAndAFailedSummaryWithTheThetaReached()
    {
        var failing = Path.Combine(_cli.Root, "failing");
        Assert.Equal(1, await _cli.RunAsync(["train", ShippedConfigs.Path("cartpole.json"), "--run-dir", failing, "--workers", "2", .. FailsMidRun]));

        var summary = CliRunner.ReadJson(Path.Combine(failing, "summary.json"));
        Assert.Equal("failed", summary.GetProperty("status").GetString());
        Assert.Contains("max_failed_fraction", summary.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("error: training failed: ", _cli.Error, StringComparison.Ordinal);
        int reached = summary.GetProperty("generations_completed").GetInt32();
        Assert.InRange(reached, 1, 19); // fails before CartPole is solved (generation 20): there is a θ to report
        Assert.Equal(reached + 1, File.ReadLines(Path.Combine(failing, "metrics.csv")).Count()); // a row per generation reached, and the header

        // The θ reached is the one an uninterrupted run has after as many generations.
        var clean = Path.Combine(_cli.Root, "clean");
        Assert.Equal(0, await _cli.RunAsync("train", ShippedConfigs.Path("cartpole.json"), "--run-dir", clean, "--generations", reached.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var cleanSummary = CliRunner.ReadJson(Path.Combine(clean, "summary.json"));
        Assert.Equal(cleanSummary.GetProperty("theta_sha256").GetString(), summary.GetProperty("theta_sha256").GetString());
    }
}
