using Es.Actors.Cluster;
using Es.Dashboard.Model;
using Es.Dashboard.Nodes;

namespace Es.Seed.Dashboard;

/// <summary>
/// Feeds the dashboard's cluster panel from a seed node: membership events set a node's
/// state and role, the dispatcher's pool reports its counts; both keyed by cluster address.
/// </summary>
internal sealed class ClusterNodePanel(NodeBoard board) : IClusterPanel
{
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public void MemberChanged(string address, string role, MemberReach reach)
    {
        lock (_gate)
        {
            var node = Known(address);
            board.Set(node with { Role = role, State = State(reach) });
        }
    }

    /// <inheritdoc/>
    public void PoolReported(PoolReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            var node = Known(report.Address);
            board.Set(node with
            {
                Evaluators = report.Evaluators,
                TasksInFlight = report.TasksInFlight,
                Restarts = report.EvaluatorRestarts,
                Redeliveries = report.TasksPutBack,
            });
        }
    }

    /// <summary>The node at <paramref name="address"/> as the board has it, or a new one (up, no pool yet).</summary>
    private NodeSnapshot Known(string address) =>
        board.Find(address) ?? new NodeSnapshot(address, "worker", NodeState.Up, 0, null, 0, 0, 0);

    private static NodeState State(MemberReach reach) => reach switch
    {
        MemberReach.Up => NodeState.Up,
        MemberReach.Unreachable => NodeState.Unreachable,
        _ => NodeState.Removed,
    };
}
