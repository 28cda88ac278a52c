using Akka.Configuration;
using Es.Actors.Persistence;
using Es.Core.Configuration;

namespace Es.Actors.Hosting;

/// <summary>Where and how a run's coordinator checkpoints, and where it reports what that cost.</summary>
/// <param name="Persistence">The Akka.Persistence configuration (<see cref="RunPersistence"/>).</param>
/// <param name="Plan">Persistence id and snapshot policy.</param>
/// <param name="Checkpoints">Receives what recovery did and what checkpoints cost.</param>
public sealed record Checkpointing(Config Persistence, CheckpointPlan Plan, RunCheckpoints Checkpoints)
{
    /// <summary>Checkpoints kept in memory only: runs whose durability does not matter (tests, benchmarks).</summary>
    public static Checkpointing InMemory(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(RunPersistence.InMemory, new CheckpointPlan("run", config.Env.Name, "{}", config.Persistence.SnapshotEvery), new RunCheckpoints());
    }
}
