namespace Es.Actors.Kernel;

/// <summary>What an actor can see and do from inside its handler.</summary>
public interface IActorContext
{
    /// <summary>This actor's address.</summary>
    ActorRef Self { get; }

    /// <summary>The sender of the current message, if any.</summary>
    ActorRef? Sender { get; }

    /// <summary>The supervising parent.</summary>
    ActorRef Parent { get; }

    /// <summary>The system the actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>The live children.</summary>
    IReadOnlyCollection<ActorRef> Children { get; }

    /// <summary>Creates a supervised child.</summary>
    ActorRef ActorOf(Props props, string name);

    /// <summary>Stops a child (or this actor itself).</summary>
    void Stop(ActorRef actor);

    /// <summary>Receive <see cref="Terminated"/> when <paramref name="actor"/> stops.</summary>
    void Watch(ActorRef actor);

    /// <summary>Stop watching <paramref name="actor"/>.</summary>
    void Unwatch(ActorRef actor);

    /// <summary>Replaces the message handler until the next <see cref="Become"/> or restart.</summary>
    void Become(Action<object> behavior);

    /// <summary>
    /// Cancelled when this instance is given up on: its supervisor failed it from outside
    /// (<see cref="FailChild"/>, e.g. a task deadline), or it is restarting or stopping. Work
    /// that may block for long should observe it, so a hung handler releases its thread.
    /// </summary>
    CancellationToken Abandoned { get; }

    /// <summary>
    /// Treats <paramref name="child"/> as failed with <paramref name="reason"/> although it
    /// has not thrown (it may be hung): its <see cref="Abandoned"/> token is cancelled, it
    /// handles no further messages, and this actor's supervisor strategy decides (decider,
    /// restart budget, backoff) exactly as for a thrown exception. A late report of the same
    /// failure from the child is ignored.
    /// </summary>
    void FailChild(ActorRef child, Exception reason);

    /// <summary>
    /// The message being handled was only discarded (a stale request the actor skips): it
    /// does not count as progress for a restart budget or backoff that resets on progress
    /// (<see cref="SupervisorStrategy.BudgetResetsOnProgress"/>). Without this, a fresh
    /// instance that skips a message left in its mailbox and then fails would look like one
    /// that got work done, and an instance that can do nothing would never be stopped.
    /// </summary>
    void MarkDiscarded();

    /// <summary>Delivers <paramref name="message"/> to this actor after <paramref name="delay"/>, on the system's clock. Cancelled when the actor stops or restarts.</summary>
    IDisposable ScheduleOnce(TimeSpan delay, object message);
}
