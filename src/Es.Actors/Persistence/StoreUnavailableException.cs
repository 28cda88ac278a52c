namespace Es.Actors.Persistence;

/// <summary>
/// The checkpoint store could not be reached or failed while a run was read (a server down,
/// a full disk): a failure of the moment, not bad input. Its data may be intact, so the run
/// can be resumed once the store is back. (A store whose data is damaged raises
/// <see cref="CheckpointException"/> instead.)
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public StoreUnavailableException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
