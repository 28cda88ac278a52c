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

    /// <summary>Delivers <paramref name="message"/> to this actor after <paramref name="delay"/>, on the system's clock. Cancelled when the actor stops or restarts.</summary>
    IDisposable ScheduleOnce(TimeSpan delay, object message);
}
