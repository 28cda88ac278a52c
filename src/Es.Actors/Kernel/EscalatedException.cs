namespace Es.Actors.Kernel;

/// <summary>Wraps a child's failure that its supervisor escalated to its own parent.</summary>
public sealed class EscalatedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EscalatedException(string childPath, Exception inner)
        : base($"{childPath} failed and its supervisor escalated: {inner?.Message}", inner)
    {
        ChildPath = childPath;
    }

    /// <inheritdoc cref="Exception()"/>
    public EscalatedException()
    {
        ChildPath = string.Empty;
    }

    /// <inheritdoc cref="Exception(string)"/>
    public EscalatedException(string message)
        : base(message)
    {
        ChildPath = string.Empty;
    }

    /// <summary>Path of the child whose failure this is.</summary>
    public string ChildPath { get; }
}
