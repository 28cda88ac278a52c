using Es.Actors.Evaluation;
using Es.Core.Configuration;
using Es.Core.Noise;

namespace Es.Actors.Cluster;

/// <summary>What a node's agent needs.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="Workers">Its evaluators (it asks for <see cref="HandOutBook.Depth"/> tasks per evaluator).</param>
/// <param name="Fabric">The fabric its pool takes tasks from.</param>
/// <param name="Statistics">The pool's counters (restarts travel with each result).</param>
/// <param name="NoiseFor">The noise table of a configuration (built once per node, or the seed's).</param>
/// <param name="Say">Progress lines.</param>
public sealed record NodeAgentSettings(string NodeId, int Workers, ClusterWorkerFabric Fabric, PoolStatistics Statistics, Func<TrainingConfig, NoiseTable> NoiseFor, Action<string> Say)
{
    /// <summary>Completes with the replica once the node joined the run; faults when it was refused.</summary>
    public TaskCompletionSource<NodeReplica> Joined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the run's status when the coordinator says the run is over; faults when it was refused.</summary>
    public TaskCompletionSource<string> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
