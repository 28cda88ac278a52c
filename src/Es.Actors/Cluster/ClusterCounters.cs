namespace Es.Actors.Cluster;

/// <summary>
/// What the coordinator's dispatcher counts, for the summary and the progress display.
/// Written by the dispatcher, read by the host: thread-safe.
/// </summary>
public sealed class ClusterCounters
{
    private int _nodesUp;
    private int _nodesLost;
    private long _tasksRedelivered;
    private long _candidatesRetried;
    private long _staleResults;
    private long _refused;
    private long _snapshotBytes;
    private long _nodeRestarts;
    private long _nodeRetried;
    private int _generations;
    private long _busyTicks;

    /// <summary>Nodes registered now.</summary>
    public int NodesUp => Volatile.Read(ref _nodesUp);

    /// <summary>Nodes lost: their pool terminated, or their node was removed from the cluster.</summary>
    public int NodesLost => Volatile.Read(ref _nodesLost);

    /// <summary>Tasks put back because the pool holding them was lost or unreachable past the deadline.</summary>
    public long TasksRedelivered => Interlocked.Read(ref _tasksRedelivered);

    /// <summary>Candidates in the tasks put back, plus those the nodes scored again after a local failure.</summary>
    public long CandidatesRetried => Interlocked.Read(ref _candidatesRetried) + Interlocked.Read(ref _nodeRetried);

    /// <summary>Results ignored: of a finished generation, or from a registration already dropped (an old incarnation).</summary>
    public long StaleResults => Interlocked.Read(ref _staleResults);

    /// <summary>Nodes refused (another protocol version).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Bytes of snapshots sent to joining or out-of-step nodes (the only time θ crosses the network).</summary>
    public long SnapshotBytes => Interlocked.Read(ref _snapshotBytes);

    /// <summary>Evaluator restarts the nodes reported (their latest counts, lost nodes included).</summary>
    public long EvaluatorRestarts => Interlocked.Read(ref _nodeRestarts);

    /// <summary>Time the dispatcher spent handling messages (its own cost, on the coordinator's node).</summary>
    public TimeSpan DispatcherBusy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    /// <summary>Generations published.</summary>
    public int Generations => Volatile.Read(ref _generations);

    internal void SetNodesUp(int count) => Volatile.Write(ref _nodesUp, count);

    internal void NodeLost() => Interlocked.Increment(ref _nodesLost);

    internal void Redelivered(long candidates)
    {
        Interlocked.Increment(ref _tasksRedelivered);
        Interlocked.Add(ref _candidatesRetried, candidates);
    }

    internal void Stale() => Interlocked.Increment(ref _staleResults);

    internal void RefusedOne() => Interlocked.Increment(ref _refused);

    internal void SnapshotSent(long bytes) => Interlocked.Add(ref _snapshotBytes, bytes);

    internal void NodeCounts(long restarts, long retried)
    {
        Interlocked.Exchange(ref _nodeRestarts, restarts);
        Interlocked.Exchange(ref _nodeRetried, retried);
    }

    internal void Busy(long ticks) => Interlocked.Add(ref _busyTicks, ticks);

    internal void GenerationPublished() => Interlocked.Increment(ref _generations);
}
