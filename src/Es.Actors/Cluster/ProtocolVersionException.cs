namespace Es.Actors.Cluster;

/// <summary>A node of another protocol version: it runs another EsAkka build.</summary>
public sealed class ProtocolVersionException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public ProtocolVersionException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public ProtocolVersionException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public ProtocolVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
