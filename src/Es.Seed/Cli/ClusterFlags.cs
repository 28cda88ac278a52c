using Es.Actors.Cluster;
using Es.Core.Configuration;

namespace Es.Seed.Cli;

/// <summary>The cluster flags of <c>train</c> turned into <see cref="ClusterOptions"/> (null: an embedded run).</summary>
internal static class ClusterFlags
{
    /// <summary>The environment variable that may hold the TLS certificate's password.</summary>
    public const string TlsPasswordVariable = "ES_TLS_PASSWORD";

    /// <summary>Parses the flags; null when neither <c>--listen</c> nor <c>--seed-node</c> is given (embedded: no port opened).</summary>
    /// <exception cref="ConfigException">A flag is malformed; the message names it.</exception>
    public static ClusterOptions? Parse(TrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(request.Listen, request.PublicHost, request.SeedNodes, request.TlsCertificate, request.TlsPasswordFile);
    }

    /// <summary>Parses the flags' values (<c>train</c>'s, or <c>resume</c>'s, which has no <c>--seed-node</c>).</summary>
    /// <exception cref="ConfigException">A flag is malformed; the message names it.</exception>
    public static ClusterOptions? Parse(string? listenAt, string? publicHost, IReadOnlyList<string> seedNodes, string? tlsCertificate, string? tlsPasswordFile)
    {
        ArgumentNullException.ThrowIfNull(seedNodes);
        if (listenAt is null && seedNodes.Count == 0)
        {
            if (publicHost is not null || tlsCertificate is not null)
            {
                throw new ConfigException("--public-host/--tls-certificate", string.Empty, "expected --listen or --seed-node with them (a cluster run)");
            }

            return null;
        }

        var listen = ParseEndpoint("--listen", listenAt ?? "127.0.0.1:0", minPort: 0);
        var seeds = seedNodes.Select(s => ParseEndpoint("--seed-node", s, minPort: 1)).ToList();
        return new ClusterOptions(listen, publicHost, seeds, Coordinator: true, Tls(tlsCertificate, tlsPasswordFile));
    }

    /// <summary>TLS from a certificate file and its password (a file, else <see cref="TlsPasswordVariable"/>).</summary>
    /// <exception cref="ConfigException">The certificate or the password file cannot be read.</exception>
    public static TlsOptions? Tls(string? certificate, string? passwordFile)
    {
        if (certificate is null)
        {
            return null;
        }

        if (!File.Exists(certificate))
        {
            throw new ConfigException("--tls-certificate", string.Empty, $"expected a PKCS#12 certificate file, but {certificate} does not exist");
        }

        string password;
        try
        {
            password = passwordFile is not null ? File.ReadAllText(passwordFile).TrimEnd('\r', '\n') : Environment.GetEnvironmentVariable(TlsPasswordVariable) ?? string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("--tls-password-file", string.Empty, $"cannot read {passwordFile}: {e.Message}");
        }

        var tls = new TlsOptions(Path.GetFullPath(certificate), password);
        try
        {
            ClusterTls.LoadCertificate(tls).Dispose(); // a wrong password or file stops here, before anything is written
        }
        catch (ArgumentException e)
        {
            throw new ConfigException("--tls-certificate", string.Empty, e.Message);
        }

        return tls;
    }

    private static ClusterEndpoint ParseEndpoint(string flag, string text, int minPort)
    {
        try
        {
            return ClusterEndpoint.Parse(text, minPort);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(flag, string.Empty, e.Message);
        }
    }
}
