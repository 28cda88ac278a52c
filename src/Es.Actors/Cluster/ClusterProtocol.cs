namespace Es.Actors.Cluster;

/// <summary>The cluster protocol's version and names shared by seed and worker nodes.</summary>
public static class ClusterProtocol
{
    /// <summary>The protocol version this build speaks; nodes of another version are refused.</summary>
    /// <remarks>3: Akka.Cluster replaced the broker (2 and 1 were RabbitMQ messages).</remarks>
    public const ushort Version = 4;

    /// <summary>The cluster role of nodes that may hold the coordinator singleton (seed nodes).</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>The singleton manager's name under <c>/user</c>.</summary>
    public const string SingletonName = "coordinator";

    /// <summary>The actor system's name: nodes join only a cluster of this name.</summary>
    public const string SystemName = "es";

    /// <summary>Snapshot chunk size: well under Akka.Remote's default maximum frame size (128,000 bytes).</summary>
    public const int ChunkBytes = 64 * 1024;
}
