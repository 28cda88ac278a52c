namespace Es.Actors.Kernel;

/// <summary>
/// An address to send messages to. Sending never blocks and never throws: a message
/// to a stopped actor goes to dead letters.
/// </summary>
public abstract class ActorRef
{
    /// <summary>The actor's path, e.g. <c>/user/pool/evaluator-3</c>.</summary>
    public abstract string Path { get; }

    /// <summary>Sends <paramref name="message"/> with an optional sender to reply to.</summary>
    public abstract void Tell(object message, ActorRef? sender = null);

    /// <inheritdoc/>
    public override string ToString() => Path;
}
