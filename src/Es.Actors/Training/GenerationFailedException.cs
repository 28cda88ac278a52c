namespace Es.Actors.Training;

/// <summary>
/// Too many of a generation's candidates failed (after every attempt, or with a NaN or
/// infinite reward) for its update to be trusted: the run stops instead of learning from garbage.
/// </summary>
public sealed class GenerationFailedException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public GenerationFailedException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public GenerationFailedException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public GenerationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
