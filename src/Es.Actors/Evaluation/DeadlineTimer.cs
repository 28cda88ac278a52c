using Akka.Actor;

namespace Es.Actors.Evaluation;

/// <summary>
/// One deadline check on the pool's Akka timers, under a key of its own: stopping it can
/// never cancel a newer timer armed for the same evaluator.
/// </summary>
internal sealed class DeadlineTimer : IDisposable
{
    private readonly ITimerScheduler _timers;

    private DeadlineTimer(ITimerScheduler timers) => _timers = timers;

    /// <summary>Sends <paramref name="message"/> to the timers' owner after <paramref name="delay"/>.</summary>
    public static DeadlineTimer Start(ITimerScheduler timers, object message, TimeSpan delay)
    {
        var timer = new DeadlineTimer(timers);
        timers.StartSingleTimer(timer, message, delay);
        return timer;
    }

    /// <summary>Cancels the check if it has not been delivered.</summary>
    public void Dispose() => _timers.Cancel(this);
}
