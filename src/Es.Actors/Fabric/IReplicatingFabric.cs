using Es.Actors.Training;

namespace Es.Actors.Fabric;

/// <summary>
/// A fabric whose workers keep a replica of the session (the cluster fabric): before each
/// round the coordinator hands it the session, between rounds, so it can take the record
/// of the round just completed (broadcast so replicas follow) and a snapshot for nodes
/// that join. The in-memory fabric does not need it.
/// </summary>
public interface IReplicatingFabric
{
    /// <summary>Called on the coordinator's mailbox between rounds, just before <see cref="IEvaluationFabric.Publish"/>.</summary>
    void BeforeRound(TrainingSession session);
}
