namespace Es.Actors.Supervision;

/// <summary>
/// How a pool restarts its evaluators: at most <see cref="MaxRestarts"/> consecutive
/// restarts within <see cref="Window"/> without a task completed in between, after which the
/// evaluator is stopped and the others carry on; each restart waits <see cref="Backoff"/>
/// before the fresh instance is given work.
/// </summary>
/// <param name="MaxRestarts">Restarts allowed without progress; negative = unlimited.</param>
/// <param name="Window">The sliding window the budget counts over; zero = the evaluator's whole life.</param>
/// <param name="Backoff">Delay before a restarted evaluator gets work; null = at once.</param>
public sealed record RestartPolicy(int MaxRestarts, TimeSpan Window, RestartBackoff? Backoff)
{
    /// <summary>Restart at once, without limit.</summary>
    public static RestartPolicy Unlimited { get; } = new(-1, TimeSpan.Zero, null);
}
