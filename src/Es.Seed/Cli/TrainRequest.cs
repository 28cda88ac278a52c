namespace Es.Seed.Cli;

/// <summary>The arguments of <c>train</c>.</summary>
/// <param name="ConfigPath">The configuration file.</param>
/// <param name="RunDir">The run directory, or null for the default under <c>runs/</c>.</param>
/// <param name="Workers">Evaluators, or null for one per core.</param>
/// <param name="Generations">Overrides <c>generations</c>.</param>
/// <param name="Seed">Overrides <c>seed</c>.</param>
/// <param name="Overrides"><c>key=value</c> assignments.</param>
public sealed record TrainRequest(
    string ConfigPath,
    string? RunDir,
    int? Workers,
    int? Generations,
    ulong? Seed,
    IReadOnlyList<string> Overrides)
{
    /// <summary><c>--listen HOST:PORT</c>: this seed node starts (or joins) a cluster there; null for an embedded run.</summary>
    public string? Listen { get; init; }

    /// <summary><c>--public-host NAME</c>: the name other nodes reach this one by.</summary>
    public string? PublicHost { get; init; }

    /// <summary><c>--seed-node HOST:PORT</c>: join a running cluster as a standby coordinator of the same run.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary><c>--tls-certificate FILE</c>: remoting over TLS with this PKCS#12 certificate.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary><c>--tls-password-file FILE</c>: the certificate's password (else ES_TLS_PASSWORD).</summary>
    public string? TlsPasswordFile { get; init; }

    /// <summary><c>--dashboard [HOST:]PORT</c>: serve the live dashboard there; null for none.</summary>
    public string? Dashboard { get; init; }
}
