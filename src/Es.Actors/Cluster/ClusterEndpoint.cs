using System.Globalization;

namespace Es.Actors.Cluster;

/// <summary>A HOST:PORT as the command line takes it (<c>--listen</c>, <c>--seed-node</c>).</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port (0 for <c>--listen</c>: any free port).</param>
public sealed record ClusterEndpoint(string Host, int Port)
{
    /// <summary>Parses HOST:PORT.</summary>
    /// <exception cref="ArgumentException">Not HOST:PORT with a port from <paramref name="minPort"/> to 65535.</exception>
    public static ClusterEndpoint Parse(string text, int minPort = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new ArgumentException($"expected HOST:PORT, got '{text}'");
        }

        string host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < minPort || port > 65535)
        {
            throw new ArgumentException($"expected a port from {minPort} to 65535 in '{text}'");
        }

        if (host.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\' or '/' or '@'))
        {
            throw new ArgumentException($"expected a host name or address in '{text}'");
        }

        return new ClusterEndpoint(host, port);
    }

    /// <summary>The Akka address of a node of the cluster at this endpoint (<c>akka.ssl.tcp</c> over TLS).</summary>
    public string AkkaAddress(bool tls) => $"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://{ClusterProtocol.SystemName}@{Host}:{Port}";

    /// <inheritdoc/>
    public override string ToString() => $"{Host}:{Port}";
}
