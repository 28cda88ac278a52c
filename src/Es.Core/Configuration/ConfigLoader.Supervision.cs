namespace Es.Core.Configuration;

/// <summary>Binding of the <c>supervision</c> and <c>chaos</c> sections.</summary>
public static partial class ConfigLoader
{
    private static SupervisionOptions BindSupervision(SectionReader s)
    {
        var d = new SupervisionOptions();
        var options = new SupervisionOptions
        {
            MaxRestarts = s.Int("max_restarts", d.MaxRestarts, 0, 1_000_000),
            RestartWindowSeconds = s.Double("restart_window_seconds", d.RestartWindowSeconds, 0, 86_400),
            BackoffMinMs = s.Int("backoff_min_ms", d.BackoffMinMs, 0, 3_600_000),
            BackoffMaxMs = s.Int("backoff_max_ms", d.BackoffMaxMs, 0, 3_600_000),
            TaskDeadlineSeconds = s.Double("task_deadline_seconds", d.TaskDeadlineSeconds, 0, 86_400),
            MaxAttempts = s.Int("max_attempts", d.MaxAttempts, 1, 1000),
            MaxFailedFraction = s.Double("max_failed_fraction", d.MaxFailedFraction, 0, 1),
        };
        if (options.BackoffMaxMs < options.BackoffMinMs)
        {
            throw s.Error("backoff_max_ms", $"expected at least backoff_min_ms ({options.BackoffMinMs}), got {options.BackoffMaxMs}");
        }

        s.RejectUnknown();
        return options;
    }

    private static ChaosOptions BindChaos(SectionReader s)
    {
        var d = new ChaosOptions();
        var options = new ChaosOptions
        {
            EvaluatorCrashRate = s.Double("evaluator_crash_rate", d.EvaluatorCrashRate, 0, 1),
            EvaluatorHangRate = s.Double("evaluator_hang_rate", d.EvaluatorHangRate, 0, 1),
        };
        if (options.EvaluatorCrashRate + options.EvaluatorHangRate > 1)
        {
            throw s.Error("evaluator_hang_rate", $"expected evaluator_crash_rate + evaluator_hang_rate to be at most 1, got {options.EvaluatorCrashRate + options.EvaluatorHangRate}");
        }

        s.RejectUnknown();
        return options;
    }
}
