namespace Es.Actors.Cluster;

/// <summary>
/// A live view of a cluster run's nodes, as the seed node sees them (the dashboard's cluster
/// panel): membership from Akka.Cluster's events, counts from the dispatcher's pools. Called
/// on actor threads: implementations must be quick, thread-safe and never throw.
/// </summary>
public interface IClusterPanel
{
    /// <summary>A member's state changed (joined, became unreachable or reachable again, left or was removed).</summary>
    /// <param name="address">The member's address (<c>akka.tcp://es@host:port</c>).</param>
    /// <param name="role"><see cref="ClusterProtocol.CoordinatorRole"/> for seed nodes, else <c>worker</c>.</param>
    /// <param name="reach">Its state now.</param>
    void MemberChanged(string address, string role, MemberReach reach);

    /// <summary>A node's pool as the dispatcher counts it: on registration, after each round's hand-out, when lost.</summary>
    void PoolReported(PoolReport report);
}
