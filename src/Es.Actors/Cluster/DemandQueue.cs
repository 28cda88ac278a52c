namespace Es.Actors.Cluster;

/// <summary>
/// The pools that asked the dispatcher for tasks and have not been given them all yet, in
/// the order they asked; it keeps each pool's <see cref="PoolRegistration.Demand"/>. Handing
/// out a round walks only the pools that wait, not every registered one: with a thousand
/// pools asking a task at a time, scanning them all on each request cost the dispatcher a
/// pass over every pool per task.
/// </summary>
internal sealed class DemandQueue
{
    private readonly LinkedList<PoolRegistration> _waiting = new();
    private readonly Dictionary<PoolRegistration, LinkedListNode<PoolRegistration>> _nodes = [];

    /// <summary>Pools waiting for tasks.</summary>
    public int Count => _waiting.Count;

    /// <summary>A pool asked for <paramref name="count"/> more tasks: it waits behind the pools that asked before it (a pool already waiting keeps its place).</summary>
    public void Ask(PoolRegistration pool, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        pool.Demand = (int)Math.Min(int.MaxValue, (long)pool.Demand + count);
        if (pool.Demand > 0 && !_nodes.ContainsKey(pool))
        {
            _nodes.Add(pool, _waiting.AddLast(pool));
        }
    }

    /// <summary>The pool was given <paramref name="count"/> tasks (at most its demand); once it has all it asked for, it stops waiting.</summary>
    public void Gave(PoolRegistration pool, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, pool.Demand);
        pool.Demand -= count;
        if (pool.Demand == 0)
        {
            Forget(pool);
        }
    }

    /// <summary>The pool's demand is void (it was lost, or its tasks were put back): it no longer waits.</summary>
    public void Forget(PoolRegistration pool)
    {
        pool.Demand = 0;
        if (_nodes.Remove(pool, out var node))
        {
            _waiting.Remove(node);
        }
    }

    /// <summary>The waiting pools, first asked first. The pool just returned may be given tasks or forgotten before the next is read.</summary>
    public IEnumerable<PoolRegistration> InOrder()
    {
        for (var node = _waiting.First; node is not null;)
        {
            var next = node.Next;
            yield return node.Value;
            node = next;
        }
    }
}
