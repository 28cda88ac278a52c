using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Es.Actors.Evaluation;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;

namespace Es.Actors.Cluster;

/// <summary>
/// A node's evaluators in a cluster actor system: the agent (registered through the
/// coordinator singleton's proxy) and, once the node has joined the run, the pool. es-node
/// runs one per incarnation; a seed node runs one for its local evaluators.
/// </summary>
public static class NodeWork
{
    /// <summary>The proxy to the coordinator singleton (wherever it runs).</summary>
    public static IActorRef CoordinatorProxy(ActorSystem system, string name = "coordinator-proxy")
    {
        ArgumentNullException.ThrowIfNull(system);
        var settings = ClusterSingletonProxySettings.Create(system).WithRole(ClusterProtocol.CoordinatorRole);
        return system.ActorOf(ClusterSingletonProxy.Props($"/user/{ClusterProtocol.SingletonName}", settings), name);
    }

    /// <summary>Starts the agent; the returned task starts the pool once the node joined the run, and faults when it could not.</summary>
    /// <param name="host">The node's actor system.</param>
    /// <param name="coordinator">The coordinator's proxy.</param>
    /// <param name="identity">The node.</param>
    /// <param name="statistics">The pool's counters (kept across incarnations).</param>
    /// <param name="noiseFor">The noise table of the run's configuration.</param>
    /// <param name="say">Progress lines.</param>
    public static (NodeAgentSettings Agent, Task Pool) Start(ActorHost host, IActorRef coordinator, NodeIdentity identity, PoolStatistics statistics, Func<TrainingConfig, NoiseTable> noiseFor, Action<string> say)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(identity);
        var fabric = new ClusterWorkerFabric();
        var agent = new NodeAgentSettings(identity.NodeId, identity.Workers, fabric, statistics, noiseFor, say);
        host.System.ActorOf(NodeAgentActor.Props(coordinator, agent), "agent");
        return (agent, StartPoolAsync(host, agent, fabric, identity.Workers, statistics));
    }

    private static async Task StartPoolAsync(ActorHost host, NodeAgentSettings agent, ClusterWorkerFabric fabric, int workers, PoolStatistics statistics)
    {
        var replica = await agent.Joined.Task.ConfigureAwait(false);
        var config = replica.Config;
        var noise = replica.Noise;
        var evaluatorProps = EvaluatorActor.Props(
            () => new CandidateEvaluator(ProblemFactory.Create(config), noise, config.Seed, config.Strategy.EpisodesPerCandidate, config.Strategy.RewardShift),
            EvaluatorSupervision.Settings(config));
        await host.SpawnAsync(
            EvaluatorPoolActor.Props(fabric, workers, (_, _) => evaluatorProps, EvaluatorSupervision.Restarts(config.Supervision), statistics, PoolSettings.From(config.Supervision)),
            "evaluators").ConfigureAwait(false);
    }
}
