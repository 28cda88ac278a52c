namespace Es.Actors.Cluster;

/// <summary>What one side of a partition does once membership has been stable long enough.</summary>
public enum DowningVerdict
{
    /// <summary>Nothing is unreachable: nothing to do.</summary>
    None,

    /// <summary>This side survives: the unreachable members are downed.</summary>
    DownUnreachable,

    /// <summary>This side gives way: its own node downs itself (a worker node then rejoins as a new incarnation).</summary>
    DownSelf,
}

/// <summary>
/// The split-brain rule, coordinator first, as plain logic: a side without a coordinator-role
/// node gives way; a side with one never gives way to workers alone (losing any number of
/// workers never downs a seed); when seeds are on both sides the side with more seeds wins,
/// then the side with more nodes, then the side of the oldest seed (the singleton's).
/// </summary>
public static class DowningDecision
{
    /// <summary>Decides for the side this node is on.</summary>
    /// <param name="reachableCoordinators">Coordinator-role members on this side (this node included when it has the role).</param>
    /// <param name="reachableTotal">All members on this side.</param>
    /// <param name="unreachableCoordinators">Coordinator-role members on the other side.</param>
    /// <param name="unreachableTotal">All members on the other side.</param>
    /// <param name="oldestCoordinatorReachable">True when the oldest coordinator-role member is on this side.</param>
    public static DowningVerdict Decide(int reachableCoordinators, int reachableTotal, int unreachableCoordinators, int unreachableTotal, bool oldestCoordinatorReachable)
    {
        if (reachableCoordinators == 0)
        {
            return DowningVerdict.DownSelf;
        }

        if (unreachableTotal == 0)
        {
            return DowningVerdict.None;
        }

        if (unreachableCoordinators == 0)
        {
            return DowningVerdict.DownUnreachable;
        }

        bool keep = reachableCoordinators != unreachableCoordinators
            ? reachableCoordinators > unreachableCoordinators
            : reachableTotal != unreachableTotal ? reachableTotal > unreachableTotal : oldestCoordinatorReachable;
        return keep ? DowningVerdict.DownUnreachable : DowningVerdict.DownSelf;
    }
}
