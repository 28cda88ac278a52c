namespace Es.Actors.Cluster;

/// <summary>The broker could not be reached (or refused us) within the allowed time.</summary>
public sealed class BrokerConnectException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public BrokerConnectException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public BrokerConnectException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public BrokerConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
