namespace Es.Actors.Cluster;

/// <summary>What the coordinator's dispatcher needs to know.</summary>
/// <param name="RunId">The run (sent to joining nodes).</param>
/// <param name="ConfigJson">The resolved configuration, without secrets (sent to joining nodes).</param>
/// <param name="UnreachableDeadline">How long a pool may stay unreachable before its tasks are put back.</param>
/// <param name="FinishPatience">How long the end of the run waits for nodes to hear of it.</param>
/// <param name="Counters">Where it counts.</param>
/// <param name="Notify">Membership changes, for the progress display.</param>
public sealed record DispatcherSettings(string RunId, string ConfigJson, TimeSpan UnreachableDeadline, TimeSpan FinishPatience, ClusterCounters Counters, Action<string> Notify)
{
    /// <summary>A live view of the nodes (the dashboard), or null.</summary>
    public IClusterPanel? Panel { get; init; }
}
