using Akka.Actor;
using Es.Core.Rollouts;

namespace Es.Actors.Fabric;

/// <summary>
/// The coordinator's side of the fabric that carries work between coordinator and
/// evaluators, in one process (in-memory) or across the nodes of an Akka.Cluster.
/// </summary>
public interface IEvaluationFabric
{
    /// <summary>Where <see cref="TaskResult"/> messages are delivered.</summary>
    void AttachCoordinator(IActorRef coordinator);

    /// <summary>Announces a generation's θ and filter, then queues its tasks. Never blocks.</summary>
    void Publish(GenerationView view, IReadOnlyList<EvaluationTask> tasks);
}
