namespace Es.Actors.Evaluation;

/// <summary>
/// Settles, for one hand-out waiting in an evaluator's mailbox, the race between the
/// evaluator starting it and its pool taking it back: exactly one of the two wins.
/// </summary>
/// <remarks>
/// A pool keeps one task waiting behind the running one in each evaluator's mailbox. A
/// mailbox cannot be searched, and it outlives a restart, so when an evaluator fails the
/// pool could not otherwise tell whether the waiting task will be run by the fresh
/// instance, was already taken by the instance given up on, or was lost with it. The pool
/// and its evaluators always share a process (they are its children), so one atomic
/// field answers that without another message on the hot path.
/// </remarks>
public sealed class HandOutTicket
{
    private const int Waiting = 0;
    private const int Started = 1;
    private const int Withdrawn = 2;
    private int _state;
    private long _startedTicks;

    /// <summary>
    /// When the evaluator started the task, once it has: the pool learns it only from the
    /// previous answer, which may be read later, so the deadline counts from here.
    /// </summary>
    public DateTimeOffset? StartedAt =>
        Volatile.Read(ref _state) == Started ? new DateTimeOffset(Interlocked.Read(ref _startedTicks), TimeSpan.Zero) : null;

    /// <summary>
    /// Called by the evaluator before it scores the task, with the time on the system's
    /// clock: false when the pool took it back meanwhile (it is being scored elsewhere, and
    /// an answer would be ignored as stale).
    /// </summary>
    public bool TryStart(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _startedTicks, now.UtcTicks); // published by the exchange below; unread unless it succeeds
        return Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;
    }

    /// <summary>Called by the pool to take the hand-out back: false when the evaluator has already started it.</summary>
    internal bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Waiting) == Waiting;
}
