namespace Es.Actors.Cluster;

/// <summary>A message of another protocol version: the sender runs another EsAkka build.</summary>
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

    /// <summary>Creates the exception for a message of <paramref name="version"/>.</summary>
    public ProtocolVersionException(ushort version)
        : base($"cluster protocol version {version}, this build speaks {WireProtocol.Version}")
    {
        MessageVersion = version;
    }

    /// <summary>The sender's protocol version (0 when unknown).</summary>
    public ushort MessageVersion { get; }
}
