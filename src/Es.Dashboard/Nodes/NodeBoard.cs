using System.Collections.Concurrent;
using Es.Dashboard.Model;

namespace Es.Dashboard.Nodes;

/// <summary>
/// An <see cref="INodeDirectory"/> that hosts write to: a node is set whole (keyed by
/// address) whenever something about it changes. Thread-safe; writers never wait on readers.
/// </summary>
public sealed class NodeBoard : INodeDirectory
{
    private readonly ConcurrentDictionary<string, NodeSnapshot> _nodes = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public event EventHandler? Changed;

    /// <summary>Adds or replaces the node at <see cref="NodeSnapshot.Address"/>.</summary>
    public void Set(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes[node.Address] = node;
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Changes a known node's membership state; an unknown address is ignored.</summary>
    public void SetState(string address, NodeState state)
    {
        if (_nodes.TryGetValue(address, out var node))
        {
            Set(node with { State = state });
        }
    }

    /// <summary>The node at <paramref name="address"/>, or null.</summary>
    public NodeSnapshot? Find(string address) => _nodes.TryGetValue(address, out var node) ? node : null;

    /// <inheritdoc/>
    public IReadOnlyList<NodeSnapshot> Snapshot() => [.. _nodes.Values.OrderBy(n => n.Address, StringComparer.Ordinal)];
}
