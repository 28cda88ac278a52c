using Es.Dashboard.Model;

namespace Es.Dashboard.Nodes;

/// <summary>
/// The seam between a cluster and the dashboard's cluster panel: who is in the run and how
/// each node is doing. An embedded run has one local node; a cluster host feeds it from its
/// membership events and pool statistics. Implementations must be thread-safe and quick:
/// <see cref="Snapshot"/> is called on the dashboard's threads.
/// </summary>
public interface INodeDirectory
{
    /// <summary>Raised after the nodes changed (a join, a loss, new counts); handlers must not block.</summary>
    event EventHandler? Changed;

    /// <summary>The nodes now, removed ones included (the panel shows who was lost).</summary>
    IReadOnlyList<NodeSnapshot> Snapshot();
}
