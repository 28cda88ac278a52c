namespace Es.Actors.Kernel;

/// <summary>How to create (and re-create, on restart) an actor.</summary>
public sealed class Props
{
    private Props(Func<Actor> factory) => Factory = factory;

    /// <summary>Makes a fresh instance; called again on every restart, so state starts clean.</summary>
    public Func<Actor> Factory { get; }

    /// <summary>Props from a factory.</summary>
    public static Props Create(Func<Actor> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory);
    }
}
