namespace Es.Actors.Kernel;

/// <summary>
/// A one-shot timer an actor cell keeps until it fires or is disposed, so the cell can
/// cancel the pending ones when it stops, and forget the finished ones (a pool arms one per
/// task: over a long run they would otherwise pile up).
/// </summary>
internal sealed class ScheduledTimer : IDisposable
{
    private readonly ITimer _timer;
    private int _done;

    public ScheduledTimer(TimeProvider clock, TimeSpan delay, Action fire)
    {
        _timer = clock.CreateTimer(
            _ =>
            {
                if (Interlocked.Exchange(ref _done, 1) == 0)
                {
                    fire();
                }
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once it fired or was cancelled.</summary>
    public bool IsDone => Volatile.Read(ref _done) == 1;

    public void Dispose()
    {
        Interlocked.Exchange(ref _done, 1);
        _timer.Dispose();
    }
}
