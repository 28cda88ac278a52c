using Es.Core.Configuration;

namespace Es.Actors.Evaluation;

/// <summary>How an evaluator pool treats tasks whose evaluators fail or hang.</summary>
public sealed record PoolSettings
{
    /// <summary>Attempts at a task before its candidates are given up on (reported failed).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Time an evaluator may spend on a task's first attempt; zero = derived from observed task times (<see cref="TaskDeadlines"/>).</summary>
    public TimeSpan TaskDeadline { get; init; }

    /// <summary>The settings a run's <c>supervision</c> section asks for.</summary>
    public static PoolSettings From(SupervisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PoolSettings
        {
            MaxAttempts = options.MaxAttempts,
            TaskDeadline = TimeSpan.FromSeconds(options.TaskDeadlineSeconds),
        };
    }
}
