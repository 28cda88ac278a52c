using Es.Actors.Evaluation;
using Es.Actors.Supervision;
using Es.Core.Configuration;
using Es.Core.Rollouts;

namespace Es.Actors.Hosting;

/// <summary>Turns a run's <c>supervision</c> and <c>chaos</c> sections into what pools and evaluators are built with.</summary>
public static class EvaluatorSupervision
{
    /// <summary>
    /// How a pool treats a failing evaluator: Akka restarts it (with a fresh environment and
    /// buffers) whatever it threw; after <c>max_restarts</c> restarts within
    /// <c>restart_window_seconds</c> without a task completed in between, it is stopped and
    /// the other evaluators carry on. Consecutive restarts back off exponentially with jitter.
    /// </summary>
    /// <remarks>
    /// The budget resets on progress because a working evaluator on a flaky machine (or
    /// under chaos) may fail hundreds of times in a long run and should not be stopped for
    /// it; the budget is there to stop one that cannot get anything done.
    /// </remarks>
    public static RestartPolicy Restarts(SupervisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RestartPolicy(
            options.MaxRestarts,
            TimeSpan.FromSeconds(options.RestartWindowSeconds),
            new RestartBackoff(TimeSpan.FromMilliseconds(options.BackoffMinMs), TimeSpan.FromMilliseconds(options.BackoffMaxMs)));
    }

    /// <summary>What every evaluator of the run needs besides its problem: seeds, observation sampling, chaos.</summary>
    public static EvaluatorSettings Settings(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new EvaluatorSettings(config.Seed, config.ObsNorm.Enabled ? config.ObsNorm.Fraction : 0)
        {
            Chaos = new ChaosSchedule(config.Seed, config.Chaos),
        };
    }
}
