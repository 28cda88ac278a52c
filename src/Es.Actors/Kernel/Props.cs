namespace Es.Actors.Kernel;

/// <summary>How to create (and re-create, on restart) an actor, and on which thread it runs.</summary>
public sealed class Props
{
    private Props(Func<Actor> factory, bool dedicatedThread)
    {
        Factory = factory;
        DedicatedThread = dedicatedThread;
    }

    /// <summary>Makes a fresh instance; called again on every restart, so state starts clean.</summary>
    public Func<Actor> Factory { get; }

    /// <summary>
    /// True: the actor handles its messages on a thread of its own (Akka's pinned dispatcher),
    /// for handlers that run long, such as an evaluator scoring a task. Such a thread also runs
    /// the short turns its messages start in idle thread-pool actors (see <see cref="ActorCell"/>).
    /// False (the default): turns run on the thread pool.
    /// </summary>
    public bool DedicatedThread { get; }

    /// <summary>Props from a factory.</summary>
    public static Props Create(Func<Actor> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, dedicatedThread: false);
    }

    /// <summary>The same props, with the actor on a thread of its own.</summary>
    public Props WithDedicatedThread() => new(Factory, dedicatedThread: true);
}
