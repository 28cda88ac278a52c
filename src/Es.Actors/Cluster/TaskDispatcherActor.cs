using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Es.Actors.Fabric;
using Es.Actors.Persistence;
using Es.Actors.Training;

namespace Es.Actors.Cluster;

/// <summary>
/// The coordinator's side of the cluster fabric, beside the coordinator in the singleton:
/// node agents register here and pull batches of tasks (credit-based); results go to the
/// coordinator once each (idempotent by candidate range); a pool that terminates, is
/// removed, or stays unreachable past a deadline has its tasks put back for the others.
/// Results from a dropped registration (an old incarnation) are counted and ignored.
/// Joining nodes get the configuration and a snapshot (exported only when a node asks), in
/// chunks under the frame size; then they follow each generation's broadcast record.
/// </summary>
public sealed partial class TaskDispatcherActor : ReceiveActor, IWithTimers
{
    private readonly DispatcherSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<int, PoolRegistration> _pools = [];
    private readonly Dictionary<IActorRef, PoolRegistration> _byAgent = [];
    private readonly LinkedList<EvaluationTask> _pending = new();
    private readonly DemandQueue _demand = new();
    private readonly HashSet<EvaluationTask> _answered = [];
    private readonly List<int> _awaitingSnapshot = [];
    private readonly HashSet<Address> _unreachable = [];
    private IActorRef? _coordinator;
    private GenerationStarted? _broadcast;
    private bool _exportRequested;
    private int _nextRegistration;
    private readonly HashSet<EvaluationTask> _putBack = [];
    private long _nodeRestarts;
    private long _nodeRetried;

    /// <summary>Created through <see cref="Props"/>.</summary>
    public TaskDispatcherActor(DispatcherSettings settings)
    {
        _settings = settings;
        Receive<AttachCoordinator>(OnAttach);
        Receive<RegisterPool>(OnRegister);
        Receive<ExportedSnapshot>(OnSnapshot);
        Receive<PublishRound>(OnPublish);
        Receive<RequestTasks>(OnRequest);
        Receive<PoolResult>(OnResult);
        Receive<ResyncRequest>(OnResync);
        Receive<Terminated>(t => { if (_byAgent.TryGetValue(t.ActorRef, out var pool)) { Lost(pool, "its pool stopped or its node left the cluster"); } });
        Receive<ClusterEvent.UnreachableMember>(OnUnreachable);
        Receive<ClusterEvent.ReachableMember>(m => _unreachable.Remove(m.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(m => { foreach (var pool in PoolsAt(m.Member.Address)) { Lost(pool, "its node was removed from the cluster"); } });
        Receive<UnreachableDeadline>(OnDeadline);
        Receive<AnnounceFinished>(OnAnnounceFinished);
        Receive<RunFinishedSeen>(OnFinishedSeen);
        Receive<FinishPatienceOver>(_ => FinishAnswered());
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc/>
    protected override bool AroundReceive(Receive receive, object message)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return base.AroundReceive(receive, message);
        }
        finally
        {
            _settings.Counters.Busy(System.Diagnostics.Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>Props for a dispatcher.</summary>
    public static Props Props(DispatcherSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Actor.Props.Create(() => new TaskDispatcherActor(settings));
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        if (IsCluster)
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.MemberRemoved));
        }
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        if (IsCluster)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    /// <summary>False in a local actor system (tests of the hand-out logic): no membership events then.</summary>
    private static bool IsCluster => Context.System.Settings.ProviderClass.Contains("Cluster", StringComparison.Ordinal);

    private void OnAttach(AttachCoordinator attach)
    {
        _coordinator = attach.Coordinator;
        RequestSnapshotIfNeeded();
    }

    private void OnRegister(RegisterPool register)
    {
        if (register.Version != ClusterProtocol.Version)
        {
            _settings.Counters.RefusedOne();
            var refusal = new PoolRefused(ClusterProtocol.Version, register.Version);
            _settings.Notify($"refused a node at {Sender.Path.Address}: {refusal.Reason}");
            Sender.Tell(refusal);
            return;
        }

        if (_byAgent.ContainsKey(Sender))
        {
            return; // the agent repeats its registration until welcomed
        }

        if (ToldTheRunIsOver(Sender))
        {
            return;
        }

        var pool = new PoolRegistration(++_nextRegistration, Sender, register.NodeId, Math.Max(register.Workers, 0));
        _pools.Add(pool.Number, pool);
        _byAgent.Add(Sender, pool);
        Context.Watch(Sender);
        _settings.Counters.SetNodesUp(_pools.Count);
        _settings.Notify($"node {pool.NodeId} joined ({pool.Workers} evaluator(s)); nodes up {_pools.Count}, lost {_settings.Counters.NodesLost}");
        Report(pool);
        _awaitingSnapshot.Add(pool.Number);
        RequestSnapshotIfNeeded();
    }

    private void OnResync(ResyncRequest resync)
    {
        if (_pools.TryGetValue(resync.Registration, out var pool) && pool.Agent.Equals(Sender) && !_awaitingSnapshot.Contains(pool.Number))
        {
            _settings.Notify($"node {pool.NodeId} is out of step: sending it a fresh snapshot");
            pool.Welcomed = false;
            _awaitingSnapshot.Add(pool.Number);
            RequestSnapshotIfNeeded();
        }
    }

    private void RequestSnapshotIfNeeded()
    {
        if (_awaitingSnapshot.Count > 0 && !_exportRequested && _coordinator is not null)
        {
            _exportRequested = true;
            _coordinator.Tell(new ExportSnapshot());
        }
    }

    private void OnSnapshot(ExportedSnapshot exported)
    {
        _exportRequested = false;
        byte[] bytes = CheckpointCodec.EncodeSnapshot(exported.Snapshot, 0);
        int chunks = (bytes.Length + ClusterProtocol.ChunkBytes - 1) / ClusterProtocol.ChunkBytes;
        foreach (int number in _awaitingSnapshot)
        {
            if (!_pools.TryGetValue(number, out var pool))
            {
                continue;
            }

            pool.Agent.Tell(new PoolWelcome(ClusterProtocol.Version, pool.Number, _settings.RunId, _settings.ConfigJson, bytes.Length, chunks));
            for (int i = 0; i < chunks; i++)
            {
                int offset = i * ClusterProtocol.ChunkBytes;
                pool.Agent.Tell(new SnapshotChunk(pool.Number, i, bytes[offset..Math.Min(bytes.Length, offset + ClusterProtocol.ChunkBytes)]));
            }

            _settings.Counters.SnapshotSent(bytes.Length);
            pool.Welcomed = true;
            if (_broadcast is not null && _broadcast.Generation > exported.Snapshot.Generation)
            {
                pool.Agent.Tell(_broadcast); // published after the export: the replica follows at once
            }
        }

        _awaitingSnapshot.Clear();
        Dispatch();
    }

    private void OnPublish(PublishRound round)
    {
        _settings.Counters.GenerationPublished();
        _broadcast = new GenerationStarted(round.Generation, round.ThetaHash, round.Previous);
        _answered.Clear();
        _putBack.Clear();
        _pending.Clear();
        foreach (var task in round.Tasks)
        {
            _pending.AddLast(task);
        }

        foreach (var pool in _pools.Values)
        {
            pool.Outstanding.Clear();
            if (pool.Welcomed)
            {
                pool.Agent.Tell(_broadcast);
            }
        }

        Dispatch();
        if (_settings.Panel is not null)
        {
            foreach (var pool in _pools.Values)
            {
                Report(pool);
            }
        }
    }

    private void OnRequest(RequestTasks request)
    {
        if (_pools.TryGetValue(request.Registration, out var pool) && pool.Agent.Equals(Sender) && request.Count > 0)
        {
            _demand.Ask(pool, request.Count);
            Dispatch();
        }
    }

    /// <summary>Hands pending tasks to welcomed pools with demand, first asked first, each a batch of what it asked for.</summary>
    private void Dispatch()
    {
        if (_pending.Count == 0 || _broadcast is null)
        {
            return;
        }

        foreach (var pool in _demand.InOrder())
        {
            if (_pending.Count == 0)
            {
                break;
            }

            if (!pool.Welcomed || _unreachable.Contains(pool.Agent.Path.Address))
            {
                continue; // keeps its place until it is welcomed or reachable again
            }

            int n = Math.Min(pool.Demand, _pending.Count);
            var batch = new EvaluationTask[n];
            for (int i = 0; i < n; i++)
            {
                batch[i] = _pending.First!.Value;
                _pending.RemoveFirst();
                pool.Outstanding.Add(batch[i]);
            }

            _demand.Gave(pool, n);
            pool.Agent.Tell(new TaskBatch(batch));
        }
    }

    private void OnResult(PoolResult message)
    {
        if (!_pools.TryGetValue(message.Registration, out var pool) || !pool.Agent.Equals(Sender))
        {
            _settings.Counters.Stale(); // an old incarnation's answer: its tasks went to others
            return;
        }

        if (message.EvaluatorRestarts > pool.EvaluatorRestarts || message.CandidatesRetried > pool.CandidatesRetried)
        {
            _nodeRestarts += Math.Max(0, message.EvaluatorRestarts - pool.EvaluatorRestarts);
            _nodeRetried += Math.Max(0, message.CandidatesRetried - pool.CandidatesRetried);
            pool.EvaluatorRestarts = Math.Max(pool.EvaluatorRestarts, message.EvaluatorRestarts);
            pool.CandidatesRetried = Math.Max(pool.CandidatesRetried, message.CandidatesRetried);
            _settings.Counters.NodeCounts(_nodeRestarts, _nodeRetried);
            Report(pool);
        }

        var task = message.Result.Task;
        pool.Outstanding.Remove(task);
        if (message.Asking > 0)
        {
            _demand.Ask(pool, message.Asking);
        }

        if (_broadcast is null || task.Generation != _broadcast.Generation)
        {
            _settings.Counters.Stale();
            Dispatch();
            return;
        }

        if (_answered.Add(task))
        {
            if (_putBack.Remove(task))
            {
                RemovePending(task); // answered by the pool thought lost: no longer waiting for another
            }

            _coordinator?.Tell(message.Result);
        }

        // else put back, then answered by both: the first answer counts (the same scores)
        Dispatch();
    }

    /// <summary>A task answered by a pool thought lost is no longer waiting for another.</summary>
    private void RemovePending(EvaluationTask task)
    {
        for (var node = _pending.First; node is not null; node = node.Next)
        {
            if (node.Value.Equals(task))
            {
                _pending.Remove(node);
                return;
            }
        }
    }

    /// <summary>Puts back what <paramref name="pool"/> holds of the current generation, unanswered, ahead of the rest.</summary>
    private int PutBack(PoolRegistration pool)
    {
        int count = 0;
        foreach (var task in pool.Outstanding)
        {
            if (_broadcast is not null && task.Generation == _broadcast.Generation && !_answered.Contains(task))
            {
                _pending.AddFirst(task);
                _putBack.Add(task);
                _settings.Counters.Redelivered(task.Kind == TaskKind.Candidates ? task.Count : 0);
                count++;
            }
        }

        pool.Outstanding.Clear();
        _demand.Forget(pool);
        pool.TasksPutBack += count;
        return count;
    }

    private void Lost(PoolRegistration pool, string why)
    {
        _demand.Forget(pool);
        _pools.Remove(pool.Number);
        _byAgent.Remove(pool.Agent);
        _awaitingSnapshot.Remove(pool.Number);
        Context.Unwatch(pool.Agent);
        if (_finishing is not null)
        {
            _finishing.Remove(pool.Number); // leaving once the run is over is no loss
            if (_finishing.Count == 0)
            {
                FinishAnswered();
            }

            return;
        }

        int putBack = PutBack(pool);
        Report(pool);
        _settings.Counters.NodeLost();
        _settings.Counters.SetNodesUp(_pools.Count);
        _settings.Notify($"node {pool.NodeId} lost ({why}); {putBack} task(s) put back; nodes up {_pools.Count}, lost {_settings.Counters.NodesLost}");
        Dispatch();
    }

    /// <summary>Tells the live view (if any) how <paramref name="pool"/> stands.</summary>
    private void Report(PoolRegistration pool)
    {
        if (_settings.Panel is not { } panel)
        {
            return;
        }

        // A pool in the coordinator's own process has a local address: shown as this node's.
        var address = pool.Agent.Path.Address.HasLocalScope && IsCluster ? Akka.Cluster.Cluster.Get(Context.System).SelfAddress : pool.Agent.Path.Address;
        panel.PoolReported(new PoolReport(address.ToString(), pool.Workers, pool.Outstanding.Count, pool.EvaluatorRestarts, pool.TasksPutBack));
    }

    private List<PoolRegistration> PoolsAt(Address address) => _pools.Values.Where(p => p.Agent.Path.Address.Equals(address)).ToList();

    private void OnUnreachable(ClusterEvent.UnreachableMember unreachable)
    {
        var address = unreachable.Member.Address;
        _unreachable.Add(address);
        Timers.StartSingleTimer(("deadline", address), new UnreachableDeadline(address), _settings.UnreachableDeadline);
    }

    private void OnDeadline(UnreachableDeadline deadline)
    {
        if (!_unreachable.Contains(deadline.Address))
        {
            return;
        }

        foreach (var pool in PoolsAt(deadline.Address))
        {
            int putBack = PutBack(pool);
            Report(pool);
            if (putBack > 0)
            {
                _settings.Notify($"node {pool.NodeId} unreachable past the deadline: {putBack} task(s) put back");
            }
        }

        Dispatch();
    }

    private sealed record UnreachableDeadline(Address Address);
}
