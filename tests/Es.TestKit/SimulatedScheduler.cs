using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;

namespace Es.TestKit;

/// <summary>
/// Akka.TestKit's <see cref="TestScheduler"/> (virtual time: timers fire only when a test
/// advances it) that also tells a test when a timer message has been scheduled, so a test
/// can wait until the code under test has armed a timer instead of sleeping.
/// Selected with <see cref="Hocon"/>.
/// </summary>
public sealed class SimulatedScheduler : TestScheduler, ITellScheduler
{
    /// <summary>The HOCON that makes an actor system use this scheduler.</summary>
    public const string Hocon = """akka.scheduler.implementation = "Es.TestKit.SimulatedScheduler, Es.TestKit" """;

    private readonly Channel<TimeSpan> _scheduled = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>Created by the actor system from its configuration.</summary>
    public SimulatedScheduler(Config config, ILoggingAdapter log)
        : base(config, log)
    {
    }

    // TestScheduler's methods are not virtual: the interface is implemented again here, so
    // Akka's timers, which schedule through ITellScheduler, are seen.
    void ITellScheduler.ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
    {
        ScheduleTellOnce(delay, receiver, message, sender, cancelable);
        _scheduled.Writer.TryWrite(delay);
    }

    void ITellScheduler.ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender)
    {
        ScheduleTellOnce(delay, receiver, message, sender);
        _scheduled.Writer.TryWrite(delay);
    }

    void ITellScheduler.ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender, cancelable);

    void ITellScheduler.ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender) =>
        ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender);

    /// <summary>Waits (bounded by real time) until a message is scheduled; returns its delay.</summary>
    public async Task<TimeSpan> TimerCreatedAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        return await _scheduled.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
    }
}
