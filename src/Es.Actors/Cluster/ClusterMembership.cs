namespace Es.Actors.Cluster;

/// <summary>
/// Which nodes the coordinator knows: joined (or heard from), left cleanly, or lost
/// (silent for longer than the timeout). Plain state, driven by messages and a clock, so
/// it is tested without a broker. Thread-safe.
/// </summary>
/// <param name="timeout">Silence after which a node counts as lost.</param>
/// <param name="clock">The time source.</param>
public sealed class ClusterMembership(TimeSpan timeout, TimeProvider clock)
{
    private readonly Dictionary<string, Member> _members = [];
    private readonly object _gate = new();
    private int _lost;

    /// <summary>Nodes currently up.</summary>
    public int Up
    {
        get
        {
            lock (_gate)
            {
                return _members.Count;
            }
        }
    }

    /// <summary>Nodes lost so far (silent past the timeout; a node that comes back counts as up again).</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Evaluators on the nodes up.</summary>
    public int Workers
    {
        get
        {
            lock (_gate)
            {
                return _members.Values.Sum(m => m.Workers);
            }
        }
    }

    /// <summary>A node joined (or was heard from for the first time); returns true when it is new.</summary>
    public bool Joined(string nodeId, string host, int workers)
    {
        lock (_gate)
        {
            bool added = !_members.ContainsKey(nodeId);
            _members[nodeId] = new Member(host, workers, clock.GetUtcNow());
            return added;
        }
    }

    /// <summary>A heartbeat; returns true when the node was unknown (a coordinator that took over learns its nodes so).</summary>
    public bool Seen(string nodeId)
    {
        lock (_gate)
        {
            if (_members.TryGetValue(nodeId, out var member))
            {
                _members[nodeId] = member with { LastSeen = clock.GetUtcNow() };
                return false;
            }

            _members[nodeId] = new Member("?", 0, clock.GetUtcNow());
            return true;
        }
    }

    /// <summary>A node left cleanly; returns true when it was known.</summary>
    public bool Left(string nodeId)
    {
        lock (_gate)
        {
            return _members.Remove(nodeId);
        }
    }

    /// <summary>Removes the nodes silent past the timeout and returns their ids.</summary>
    public IReadOnlyList<string> Sweep()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var lost = _members.Where(m => now - m.Value.LastSeen > timeout).Select(m => m.Key).ToArray();
            foreach (var id in lost)
            {
                _members.Remove(id);
                _lost++;
            }

            return lost;
        }
    }

    private sealed record Member(string Host, int Workers, DateTimeOffset LastSeen);
}
