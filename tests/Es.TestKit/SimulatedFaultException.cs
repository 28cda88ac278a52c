namespace Es.TestKit;

/// <summary>A failure a simulation injected on purpose.</summary>
public sealed class SimulatedFaultException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public SimulatedFaultException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public SimulatedFaultException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public SimulatedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
