using Akka.Actor;
using Akka.Event;
using Es.Actors.Evaluation;
using Es.Core.Configuration;

namespace Es.Actors.Cluster;

/// <summary>
/// A node's link to the coordinator: registers through the singleton proxy (again whenever
/// the coordinator moves), restores and follows the run's replica, pulls tasks as the
/// pool frees slots, and carries results. θ arrives once, in chunks, when the node joins
/// (or its replica is found out of step); afterwards only records and hashes.
/// </summary>
public sealed class NodeAgentActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(1);
    private readonly IActorRef _coordinator;
    private readonly NodeAgentSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly int _capacity;
    private IActorRef? _dispatcher;
    private int _registration;
    private PoolWelcome? _welcome;
    private byte[]? _snapshot;
    private int _chunksSeen;
    private NodeReplica? _replica;
    private bool _resyncAsked;
    private int _held;
    private int _asked;
    private int _settledAhead;
    private int _lastScoring = -1;

    /// <summary>Created through <see cref="Props"/>.</summary>
    public NodeAgentActor(IActorRef coordinator, NodeAgentSettings settings)
    {
        _coordinator = coordinator;
        _settings = settings;
        _capacity = Math.Max(1, settings.Workers) * HandOutBook.Depth;
        Receive<RegisterTick>(_ => Register());
        Receive<PoolRefused>(r => Refuse(r.Reason));
        Receive<PoolWelcome>(OnWelcome);
        Receive<SnapshotChunk>(OnChunk);
        Receive<GenerationStarted>(OnGeneration);
        Receive<TaskBatch>(OnBatch);
        Receive<TaskSettled>(_ =>
        {
            _held = Math.Max(0, _held - 1);
            if (_settledAhead > 0)
            {
                _settledAhead--; // its result already asked for the slot it frees
                return;
            }

            TopUp();
        });
        Receive<LocalResult>(r =>
        {
            // The pool settles a task right after it publishes its result: the freed slot is
            // asked for with the result, not in a message of its own (the settlement that
            // follows then asks nothing).
            _settledAhead++;
            int asking = _dispatcher is null ? 0 : Wanted();
            _asked += asking;
            var retried = _settings.Fabric.CandidatesRetried;
            _dispatcher?.Tell(new PoolResult(_registration, r.Result, _settings.Statistics.EvaluatorRestarts, retried, asking));
        });
        Receive<RunFinished>(f =>
        {
            Sender.Tell(new RunFinishedSeen(_registration));
            _settings.Finished.TrySetResult(f.Status);
            Context.Unwatch(Sender); // the seed leaves next: no successor to look for
        });
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_dispatcher))
            {
                CoordinatorGone();
            }
        });
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for an agent.</summary>
    /// <param name="coordinator">The coordinator singleton's proxy (or, in tests, the dispatcher).</param>
    /// <param name="settings">The node.</param>
    public static Props Props(IActorRef coordinator, NodeAgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Actor.Props.Create(() => new NodeAgentActor(coordinator, settings));
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        _settings.Fabric.Attach(Self);
        Register();
    }

    private void Register()
    {
        if (_dispatcher is null)
        {
            _coordinator.Tell(new RegisterPool(ClusterProtocol.Version, _settings.NodeId, _settings.Workers));
            Timers.StartSingleTimer("register", RegisterTick.Instance, RegisterEvery);
        }
    }

    private void Refuse(string reason)
    {
        var refusal = new ProtocolVersionException($"the coordinator refused this node: {reason}");
        _settings.Joined.TrySetException(refusal);
        _settings.Finished.TrySetException(refusal);
        Timers.CancelAll();
    }

    private void OnWelcome(PoolWelcome welcome)
    {
        if (welcome.Version != ClusterProtocol.Version)
        {
            Refuse($"the coordinator speaks cluster protocol version {welcome.Version}, this node {ClusterProtocol.Version}; run the same EsAkka version on every host");
            return;
        }

        Timers.Cancel("register");
        if (!Sender.Equals(_dispatcher))
        {
            _dispatcher = Sender;
            Context.Watch(_dispatcher);
            _asked = 0; // a new coordinator: nothing asked of it yet
        }

        _registration = welcome.Registration;
        _welcome = welcome;
        _snapshot = new byte[welcome.SnapshotLength];
        _chunksSeen = 0;
        if (welcome.Chunks == 0)
        {
            Restore();
        }
    }

    private void OnChunk(SnapshotChunk chunk)
    {
        var welcome = _welcome;
        if (welcome is null || _snapshot is null || chunk.Registration != welcome.Registration || chunk.Index != _chunksSeen)
        {
            _log.Warning("snapshot chunk {0} out of order: asking again", chunk.Index);
            AskResync();
            return;
        }

        int offset = chunk.Index * ClusterProtocol.ChunkBytes;
        if (offset + chunk.Bytes.Length > _snapshot.Length)
        {
            AskResync();
            return;
        }

        chunk.Bytes.CopyTo(_snapshot, offset);
        if (++_chunksSeen == welcome.Chunks)
        {
            Restore();
        }
    }

    private void Restore()
    {
        var welcome = _welcome!;
        var bytes = _snapshot!;
        _welcome = null;
        _snapshot = null;
        try
        {
            if (_replica is null || _replica.RunId != welcome.RunId)
            {
                var config = ConfigLoader.Load(welcome.ConfigJson, "the coordinator's configuration");
                _replica = new NodeReplica(config, _settings.NoiseFor(config), welcome.RunId, bytes);
                _settings.Fabric.SetView(_replica.View);
                _settings.Say($"joined run {welcome.RunId} at generation {_replica.Generation} ({config.Env.Name}, population {config.Strategy.Population}, {_settings.Workers} evaluator(s), snapshot {bytes.Length:N0} bytes)");
                _settings.Joined.TrySetResult(_replica);
            }
            else if (_replica.Reset(bytes))
            {
                _settings.Fabric.SetView(_replica.View);
                _settings.Say($"resynchronised at generation {_replica.Generation}");
            }
        }
        catch (Exception e) when (e is InvalidDataException or ConfigException)
        {
            _log.Warning("cannot follow the coordinator ({0}); asking again", e.Message);
            _resyncAsked = false;
            AskResync();
            return;
        }

        _resyncAsked = false;
        TopUp();
    }

    private void OnGeneration(GenerationStarted generation)
    {
        if (_replica is null || _welcome is not null)
        {
            return; // a snapshot is on its way
        }

        var step = _replica.Apply(generation);
        if (step == ReplicaStep.Advanced)
        {
            _settings.Fabric.SetView(_replica.View);
        }
        else if (step == ReplicaStep.OutOfStep)
        {
            _log.Warning("replica out of step (broadcast of generation {0}, replica at {1}); asking for a fresh snapshot", generation.Generation, _replica.Generation);
            AskResync();
        }
    }

    private void OnBatch(TaskBatch batch)
    {
        _asked = Math.Max(0, _asked - batch.Tasks.Length);
        _held += batch.Tasks.Length;
        foreach (var task in batch.Tasks)
        {
            _settings.Fabric.Offer(task);
        }

        if (batch.Tasks.Length > 0 && batch.Tasks[0].Generation != _lastScoring)
        {
            _lastScoring = batch.Tasks[0].Generation;
            _settings.Say($"gen {_lastScoring}: scoring");
        }
    }

    private void TopUp()
    {
        if (_dispatcher is null || _replica is null || _welcome is not null)
        {
            return;
        }

        int want = Wanted();
        if (want > 0)
        {
            _asked += want;
            _dispatcher.Tell(new RequestTasks(_registration, want));
        }
    }

    /// <summary>Tasks to ask for now: room for them, counting slots whose results have gone and whose settlement is on its way.</summary>
    private int Wanted() => _replica is null || _welcome is not null ? 0 : Math.Max(0, _capacity - (_held - _settledAhead) - _asked);

    private void AskResync()
    {
        if (!_resyncAsked && _dispatcher is not null)
        {
            _resyncAsked = true;
            _dispatcher.Tell(new ResyncRequest(_registration));
        }
    }

    private void CoordinatorGone()
    {
        _settings.Say("the coordinator is gone; registering with its successor");
        _dispatcher = null;
        _welcome = null;
        _snapshot = null;
        _asked = 0;
        _settledAhead = 0;
        _held = Math.Max(0, _held - _settings.Fabric.DropQueued());
        Register();
    }

    private sealed record RegisterTick
    {
        public static readonly RegisterTick Instance = new();
    }
}
