namespace Es.Dashboard.Model;

/// <summary>A node's membership as the cluster sees it.</summary>
public enum NodeState
{
    /// <summary>A member, reachable.</summary>
    Up,

    /// <summary>A member the failure detector cannot reach.</summary>
    Unreachable,

    /// <summary>Left, or downed and removed.</summary>
    Removed,
}
