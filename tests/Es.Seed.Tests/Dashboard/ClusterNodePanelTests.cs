using Es.Actors.Cluster;
using Es.Dashboard.Model;
using Es.Dashboard.Nodes;
using Es.Seed.Dashboard;

namespace Es.Seed.Tests.Dashboard;

/// <summary>The cluster panel merges membership events and pool reports by address, in whatever order they come.</summary>
public sealed class ClusterNodePanelTests
{
    private const string Worker = "akka.tcp://es@10.0.0.2:4000";

    private readonly NodeBoard _board = new();

    [Fact]
    public void PoolReportBeforeMemberUp_BothKept()
    {
        var panel = new ClusterNodePanel(_board);

        panel.PoolReported(new PoolReport(Worker, 4, 3, 1, 0));
        panel.MemberChanged(Worker, "worker", MemberReach.Up);

        var node = Assert.Single(_board.Snapshot());
        Assert.Equal(new NodeSnapshot(Worker, "worker", NodeState.Up, 4, 3, 1, 0, 0), node);
    }

    [Fact]
    public void Unreachable_ThenLostPoolReported_StateKeptCountsUpdated()
    {
        var panel = new ClusterNodePanel(_board);
        panel.MemberChanged(Worker, "worker", MemberReach.Up);
        panel.PoolReported(new PoolReport(Worker, 2, 2, 0, 0));

        panel.MemberChanged(Worker, "worker", MemberReach.Unreachable);
        panel.PoolReported(new PoolReport(Worker, 2, 0, 0, 2));

        var node = _board.Find(Worker);
        Assert.NotNull(node);
        Assert.Equal(NodeState.Unreachable, node.State);
        Assert.Equal(0, node.TasksInFlight);
        Assert.Equal(2, node.Redeliveries);
    }

    [Fact]
    public void CoordinatorMember_ShownWithItsRole()
    {
        var panel = new ClusterNodePanel(_board);

        panel.MemberChanged("akka.tcp://es@10.0.0.1:2552", ClusterProtocol.CoordinatorRole, MemberReach.Up);
        panel.MemberChanged(Worker, "worker", MemberReach.Removed);

        Assert.Equal(["coordinator", "worker"], _board.Snapshot().Select(n => n.Role));
        Assert.Equal(NodeState.Removed, _board.Find(Worker)!.State);
    }
}
