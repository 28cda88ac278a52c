using Es.Core.Configuration;

namespace Es.Core.Tests.Configuration;

public sealed class SupervisionConfigTests
{
    private static ConfigException Fails(params string[] overrides) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Load("{}", "cfg.json", overrides));

    [Fact]
    public void Load_Defaults_ChaosOffAndLenientSupervision()
    {
        var config = ConfigLoader.Load("{}", "cfg.json");
        Assert.False(config.Chaos.Enabled);
        Assert.Equal(3, config.Supervision.MaxAttempts);
        Assert.Equal(0, config.Supervision.TaskDeadlineSeconds);
    }

    [Fact]
    public void Load_Overrides_BindEverySupervisionAndChaosKey()
    {
        var config = ConfigLoader.Load("{}", "cfg.json", [
            "supervision.max_restarts=5", "supervision.restart_window_seconds=30", "supervision.backoff_min_ms=1",
            "supervision.backoff_max_ms=50", "supervision.task_deadline_seconds=2.5", "supervision.max_attempts=4",
            "supervision.max_failed_fraction=0.25", "chaos.evaluator_crash_rate=0.1", "chaos.evaluator_hang_rate=0.05",
        ]);
        Assert.Equal(
            new SupervisionOptions
            {
                MaxRestarts = 5, RestartWindowSeconds = 30, BackoffMinMs = 1, BackoffMaxMs = 50,
                TaskDeadlineSeconds = 2.5, MaxAttempts = 4, MaxFailedFraction = 0.25,
            },
            config.Supervision);
        Assert.Equal(new ChaosOptions { EvaluatorCrashRate = 0.1, EvaluatorHangRate = 0.05 }, config.Chaos);
        Assert.True(config.Chaos.Enabled);
    }

    [Theory]
    [InlineData("chaos.evaluator_crash_rate=1.5", "chaos.evaluator_crash_rate")]
    [InlineData("chaos.evaluator_hang_rate=-0.1", "chaos.evaluator_hang_rate")]
    [InlineData("supervision.max_attempts=0", "supervision.max_attempts")]
    [InlineData("supervision.max_failed_fraction=2", "supervision.max_failed_fraction")]
    [InlineData("supervision.task_deadline_seconds=-1", "supervision.task_deadline_seconds")]
    [InlineData("supervision.max_restarts=1.5", "supervision.max_restarts")]
    [InlineData("supervision.surprise=1", "supervision.surprise")]
    public void Load_OutOfRange_NamesTheKey(string assignment, string key)
    {
        var error = Fails(assignment);
        Assert.Equal(key, error.Key);
        Assert.Equal("--set", error.Source);
    }

    [Fact]
    public void Load_BackoffMaxBelowMin_Rejected()
    {
        var error = Fails("supervision.backoff_min_ms=100", "supervision.backoff_max_ms=10");
        Assert.Equal("supervision.backoff_max_ms", error.Key);
    }

    [Fact]
    public void Load_CrashPlusHangAboveOne_Rejected()
    {
        var error = Fails("chaos.evaluator_crash_rate=0.7", "chaos.evaluator_hang_rate=0.5");
        Assert.Contains("at most 1", error.Message, StringComparison.Ordinal);
    }
}
