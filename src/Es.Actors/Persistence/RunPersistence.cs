using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Es.Actors.Persistence;

/// <summary>
/// Where a run's journal and snapshots live, as Akka.Persistence configuration: in memory
/// (tests, benchmarks), SQLite (a file in the run directory, the default) or PostgreSQL
/// (shared by several seed nodes), always through Akka.Persistence.Sql and always with
/// <see cref="CheckpointSerializer"/> for our events and snapshots.
/// </summary>
public static class RunPersistence
{
    /// <summary>The serializer binding every configuration carries.</summary>
    private const string Serialization = """
        akka.actor {
          serializers { es-checkpoint = "Es.Actors.Persistence.CheckpointSerializer, Es.Actors" }
          serialization-bindings {
            "Es.Actors.Persistence.RunEvent, Es.Actors" = es-checkpoint
            "Es.Actors.Persistence.CheckpointSnapshot, Es.Actors" = es-checkpoint
          }
          serialization-identifiers { "Es.Actors.Persistence.CheckpointSerializer, Es.Actors" = 4701 }
        }
        """;

    /// <summary>A journal and snapshot store that live as long as the actor system: nothing survives the process.</summary>
    public static Config InMemory { get; } = ConfigurationFactory.ParseString(Serialization + """

        akka.persistence {
          journal.plugin = "akka.persistence.journal.inmem"
          snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        }
        """);

    /// <summary>The SQLite database at <paramref name="path"/> (created on first use).</summary>
    public static Config Sqlite(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Microsoft.Data.Sqlite's connection string; the path is quoted for HOCON.
        return Sql($"Data Source={path}", "SQLite.MS");
    }

    /// <summary>The PostgreSQL database named by <paramref name="connectionString"/> (tables created on first use).</summary>
    public static Config Postgres(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return Sql(connectionString, "PostgreSQL.15");
    }

    private static Config Sql(string connectionString, string provider)
    {
        var quoted = Quote(connectionString);
        var hocon = Serialization + $$"""

            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql { connection-string = {{quoted}}, provider-name = "{{provider}}", auto-initialize = true }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql { connection-string = {{quoted}}, provider-name = "{{provider}}", auto-initialize = true }
              }
            }
            """;

        // Without the plugin's own defaults the journal never starts and the coordinator waits for ever.
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
