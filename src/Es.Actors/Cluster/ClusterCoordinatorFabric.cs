using Akka.Actor;
using Es.Actors.Fabric;
using Es.Actors.Training;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Actors.Cluster;

/// <summary>
/// The coordinator's view of the cluster fabric: rounds and the coordinator's address go
/// to the <see cref="TaskDispatcherActor"/> as messages. Called on the coordinator's
/// mailbox; keeps only the last record (for the broadcast), never a copy of θ.
/// </summary>
/// <param name="dispatcher">The dispatcher.</param>
public sealed class ClusterCoordinatorFabric(IActorRef dispatcher) : IEvaluationFabric, IReplicatingFabric
{
    private GenerationRecord? _previous;

    /// <inheritdoc/>
    public void AttachCoordinator(IActorRef coordinator) => dispatcher.Tell(new AttachCoordinator(coordinator));

    /// <inheritdoc/>
    public void BeforeRound(TrainingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _previous = session.LastRecord;
    }

    /// <inheritdoc/>
    public void Publish(GenerationView view, IReadOnlyList<EvaluationTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(tasks);
        var previous = _previous?.Generation == view.Generation - 1 ? _previous : null;
        dispatcher.Tell(new PublishRound(view.Generation, ThetaHash.Compute(view.Theta), previous, [.. tasks]));
    }
}
