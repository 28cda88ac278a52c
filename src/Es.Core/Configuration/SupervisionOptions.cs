namespace Es.Core.Configuration;

/// <summary>
/// The <c>supervision</c> section: how evaluators that fail, hang or return garbage are
/// treated. None of it changes θ: a candidate that is retried and succeeds scores exactly
/// as it would have the first time; only candidates given up on change the update (they
/// and their antithetic partners are left out, and too many stop the run).
/// </summary>
public sealed record SupervisionOptions
{
    /// <summary>
    /// Restarts allowed per evaluator within <see cref="RestartWindowSeconds"/> without a task
    /// completed in between; past it the evaluator is stopped and the others carry on.
    /// </summary>
    public int MaxRestarts { get; init; } = 20;

    /// <summary>The sliding window the restart budget counts over, in seconds; 0 = the evaluator's whole life.</summary>
    public double RestartWindowSeconds { get; init; } = 60;

    /// <summary>Delay before the first of consecutive restarts, in milliseconds (then doubling).</summary>
    public int BackoffMinMs { get; init; } = 10;

    /// <summary>Cap on the restart delay, in milliseconds (plus up to 20% jitter).</summary>
    public int BackoffMaxMs { get; init; } = 1000;

    /// <summary>
    /// Time an evaluator may spend on one task before it counts as failed (hung) and is
    /// restarted, in seconds; 0 = derived from observed task times: max(1 s, 10 × the
    /// slowest task so far), doubled for each further attempt at the same task.
    /// </summary>
    public double TaskDeadlineSeconds { get; init; }

    /// <summary>Attempts at a task before its candidates are given up on (marked failed).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The largest fraction of a generation's candidates that may fail; more stops the run with an error.</summary>
    public double MaxFailedFraction { get; init; } = 0.1;
}
