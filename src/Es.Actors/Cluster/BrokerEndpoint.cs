using RabbitMQ.Client;

namespace Es.Actors.Cluster;

/// <summary>
/// Where the broker is and how to log in: an <c>amqp://</c> or <c>amqps://</c> URI, with
/// the password taken from the URI, the <c>ES_BROKER_PASSWORD</c> variable or a file (in
/// that order of precedence: file, variable, URI). <see cref="Display"/> never contains
/// credentials, and nothing else here is ever printed.
/// </summary>
public sealed class BrokerEndpoint
{
    /// <summary>The environment variable that may hold the broker password.</summary>
    public const string PasswordVariable = "ES_BROKER_PASSWORD";

    private readonly Uri _uri;
    private readonly string? _password;

    private BrokerEndpoint(Uri uri, string? password)
    {
        _uri = uri;
        _password = password;
        int port = uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        VirtualHost = vhost.Length == 0 ? "/" : vhost;
        Display = $"{uri.Scheme}://{uri.Host}:{port}/{(VirtualHost == "/" ? string.Empty : VirtualHost)}";
    }

    /// <summary>scheme://host:port/vhost, without user or password: what logs and errors show.</summary>
    public string Display { get; }

    /// <summary>The virtual host: one run per virtual host.</summary>
    public string VirtualHost { get; }

    /// <summary>True for <c>amqps://</c>.</summary>
    public bool Tls => _uri.Scheme == "amqps";

    /// <summary>Parses a broker URI and finds its password.</summary>
    /// <param name="text">The URI, e.g. <c>amqp://es@broker.example:5672/es</c>.</param>
    /// <param name="passwordFile">A file whose first line is the password, or null.</param>
    /// <param name="environment">Reads environment variables (injected for tests).</param>
    /// <exception cref="ArgumentException">Not an amqp(s) URI, or the password file cannot be read; the message says which.</exception>
    public static BrokerEndpoint Parse(string text, string? passwordFile = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        environment ??= Environment.GetEnvironmentVariable;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
        {
            throw new ArgumentException($"expected an amqp:// or amqps:// URI, got \"{Redact(text)}\"");
        }

        string? password = null;
        if (passwordFile is not null)
        {
            try
            {
                password = File.ReadLines(passwordFile).FirstOrDefault()?.TrimEnd('\r') ?? string.Empty;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new ArgumentException($"cannot read the broker password file {passwordFile}: {e.Message}", e);
            }
        }
        else if (environment(PasswordVariable) is { Length: > 0 } fromEnvironment)
        {
            password = fromEnvironment;
        }

        return new BrokerEndpoint(uri, password);
    }

    /// <summary>A connection factory: heartbeats, automatic connection and topology recovery, TLS for amqps.</summary>
    /// <param name="clientName">Shown in the broker's connection list.</param>
    /// <param name="heartbeat">AMQP heartbeat: a dead peer is noticed after about two of them.</param>
    public ConnectionFactory CreateFactory(string clientName, TimeSpan heartbeat)
    {
        var factory = new ConnectionFactory
        {
            Uri = _uri, // sets host, port, vhost, user, password and (amqps) TLS with the host as server name
            RequestedHeartbeat = heartbeat,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            ClientProvidedName = clientName,
        };
        if (_password is not null)
        {
            factory.Password = _password;
        }

        return factory;
    }

    /// <inheritdoc/>
    public override string ToString() => Display;

    /// <summary>The URI without its user-info, for error messages about a bad URI.</summary>
    private static string Redact(string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? string.Concat(text.AsSpan(0, scheme + 3), "***@", text.AsSpan(at + 1)) : text;
    }
}
