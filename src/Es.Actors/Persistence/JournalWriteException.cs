namespace Es.Actors.Persistence;

/// <summary>
/// The journal refused a coordinator's write: most often another coordinator took the run
/// and wrote the same sequence number first. The coordinator stops without writing more;
/// the run's history stays the other coordinator's.
/// </summary>
public sealed class JournalWriteException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public JournalWriteException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public JournalWriteException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public JournalWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
