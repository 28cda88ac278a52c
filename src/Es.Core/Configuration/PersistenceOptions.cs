namespace Es.Core.Configuration;

/// <summary>The <c>persistence</c> section: where generation checkpoints go.</summary>
public sealed record PersistenceOptions
{
    /// <summary>The environment variable read for a PostgreSQL connection string when the key is empty.</summary>
    public const string ConnectionStringVariable = "ES_POSTGRES_CONNECTION";

    /// <summary><c>sqlite</c> (a file in the run directory) or <c>postgres</c> (shared by several seed nodes).</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>Write a full snapshot every this many generations (the journal has every generation).</summary>
    public int SnapshotEvery { get; init; } = 10;

    /// <summary>PostgreSQL connection string; empty = read <see cref="ConnectionStringVariable"/>. Never printed.</summary>
    public string ConnectionString { get; init; } = string.Empty;
}
