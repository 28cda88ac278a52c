namespace Es.Actors.Evaluation;

/// <summary>A failure the chaos settings injected on purpose into an evaluator.</summary>
public sealed class InjectedFaultException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public InjectedFaultException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public InjectedFaultException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
