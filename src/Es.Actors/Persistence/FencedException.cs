namespace Es.Actors.Persistence;

/// <summary>
/// A write from a coordinator whose epoch is no longer the run's: another coordinator
/// took the run over, and this one's writes are rejected so it cannot fork the history.
/// </summary>
public sealed class FencedException : CheckpointException
{
    /// <inheritdoc cref="Exception()"/>
    public FencedException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public FencedException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public FencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
