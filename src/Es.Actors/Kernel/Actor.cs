namespace Es.Actors.Kernel;

/// <summary>
/// Base class of every actor. An actor handles one message at a time on its own
/// mailbox, so its fields need no locks. Throwing from <see cref="Receive"/> reports the
/// failure to the parent, whose <see cref="SupervisorStrategy"/> decides what happens.
/// </summary>
public abstract class Actor
{
    private IActorContext? _context;

    /// <summary>The actor's view of the system: self, sender, parent, children, timers.</summary>
    protected internal IActorContext Context
    {
        get => _context ?? throw new InvalidOperationException("An actor's context exists only inside the actor system.");
        internal set => _context = value;
    }

    /// <summary>This actor's address.</summary>
    protected ActorRef Self => Context.Self;

    /// <summary>The sender of the message being handled, if it gave one.</summary>
    protected ActorRef? Sender => Context.Sender;

    /// <summary>How this actor supervises its children.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;

    /// <summary>Handles one message; unhandled messages should go to <see cref="Unhandled"/>.</summary>
    protected internal abstract void Receive(object message);

    /// <summary>Called before the first message (and, by default, after a restart).</summary>
    protected internal virtual void PreStart()
    {
    }

    /// <summary>Called once the actor has stopped; cancel resources here.</summary>
    protected internal virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before it is replaced. By default stops its children and runs <see cref="PostStop"/>.</summary>
    protected internal virtual void PreRestart(Exception reason)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart. By default runs <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called in the supervisor, on its own mailbox, when a child failed and the strategy
    /// decided; lets the supervisor take back work the child held.
    /// </summary>
    protected internal virtual void OnChildFailed(ActorRef child, Exception reason, Directive directive)
    {
    }

    /// <summary>For messages the actor does not understand: they go to dead letters.</summary>
    protected void Unhandled(object message) => Context.System.DeadLetter(message, Sender, Self);
}
