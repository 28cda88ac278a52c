using Es.Actors.Persistence;
using Es.Core.Configuration;
using Es.Seed.Runs;

namespace Es.Seed.Hosting;

/// <summary>Opens the checkpoint store a run's configuration names.</summary>
internal static class StoreLocator
{
    /// <summary>Opens (creating for a new run) the run's store.</summary>
    /// <exception cref="CheckpointException">It cannot be opened.</exception>
    /// <exception cref="ConfigException">PostgreSQL is chosen but no connection string is given.</exception>
    public static CheckpointStore Open(TrainingConfig config, RunDirectory run, bool create)
    {
        if (config.Persistence.Provider == "postgres")
        {
            var connection = config.Persistence.ConnectionString.Length > 0
                ? config.Persistence.ConnectionString
                : Environment.GetEnvironmentVariable(PersistenceOptions.ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new ConfigException(run.ConfigPath, "persistence.connection_string", $"is empty and {PersistenceOptions.ConnectionStringVariable} is not set; PostgreSQL needs one of them");
            }

            return CheckpointStore.OpenPostgres(connection);
        }

        if (!create && !File.Exists(run.StorePath))
        {
            throw new CheckpointException($"{run.Path} has no checkpoint store ({run.StorePath} is missing)");
        }

        return CheckpointStore.OpenSqlite(run.StorePath, createIfMissing: create);
    }
}
