namespace Es.Seed.Cli;

/// <summary>The arguments of <c>train</c>.</summary>
/// <param name="ConfigPath">The configuration file.</param>
/// <param name="RunDir">The run directory, or null for the default under <c>runs/</c>.</param>
/// <param name="Workers">Evaluators, or null for one per core.</param>
/// <param name="Generations">Overrides <c>generations</c>.</param>
/// <param name="Seed">Overrides <c>seed</c>.</param>
/// <param name="Overrides"><c>key=value</c> assignments.</param>
/// <param name="Broker">The broker URI for a cluster run, or null for the embedded fabric.</param>
/// <param name="BrokerPasswordFile">A file holding the broker password.</param>
/// <param name="Dashboard">Serve the live dashboard here (<c>[HOST:]PORT</c>), or null for none.</param>
public sealed record TrainRequest(
    string ConfigPath,
    string? RunDir,
    int? Workers,
    int? Generations,
    ulong? Seed,
    IReadOnlyList<string> Overrides,
    string? Broker = null,
    string? BrokerPasswordFile = null,
    string? Dashboard = null);
