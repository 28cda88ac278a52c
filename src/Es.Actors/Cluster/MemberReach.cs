namespace Es.Actors.Cluster;

/// <summary>A cluster member's state, as a live view shows it.</summary>
public enum MemberReach
{
    /// <summary>Up and reachable.</summary>
    Up,

    /// <summary>The failure detector cannot reach it.</summary>
    Unreachable,

    /// <summary>Left, or downed and removed.</summary>
    Removed,
}
