namespace Es.Actors.Persistence;

/// <summary>A checkpoint store that cannot be used as asked: unreadable, corrupt beyond recovery, or written by someone else.</summary>
public class CheckpointException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public CheckpointException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
