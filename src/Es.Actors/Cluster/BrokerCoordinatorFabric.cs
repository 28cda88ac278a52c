using System.Buffers.Binary;
using System.Security.Cryptography;
using Akka.Actor;
using Es.Actors.Fabric;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Rollouts;
using Es.Core.Strategies;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Es.Actors.Cluster;

/// <summary>
/// The coordinator's side of the RabbitMQ fabric: publishes each generation's broadcast
/// (the previous record and a θ hash) and its tasks, hands results to the coordinator
/// actor (results of other generations are counted and ignored; duplicates are ignored by
/// the session), welcomes joining nodes with the configuration and a snapshot, keeps the
/// membership, and counts redeliveries, malformed and dead-lettered messages.
/// </summary>
public sealed class BrokerCoordinatorFabric : IEvaluationFabric, IReplicatingFabric, IAsyncDisposable
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(10);

    private readonly IConnection _connection;
    private readonly List<IChannel> _channels = [];
    private readonly OrderedPublisher _publisher;
    private readonly string _runId;
    private readonly ulong _runKey;
    private readonly string _configJson;
    private readonly long _epoch;
    private readonly Action<string> _log;
    private readonly Action<string> _notify;
    private readonly ClusterMembership _membership = new(NodeTimeout, TimeProvider.System);
    private readonly TaskCompletionSource _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<(string Queue, string NodeId)> _waitingForSnapshot = [];
    private IChannel? _results;
    private Task? _sweeper;
    private IActorRef? _coordinator;
    private GenerationRecord? _previous;
    private SessionSnapshot? _snapshot;
    private volatile int _generation = -1;
    private int _generationsPublished;
    private long _redelivered;
    private long _stale;
    private long _malformed;
    private long _deadLettered;
    private long _bytesIn;
    private long _welcomeBytes;

    private BrokerCoordinatorFabric(IConnection connection, OrderedPublisher publisher, string runId, TrainingConfig config, long epoch, Action<string> log, Action<string> notify)
    {
        _connection = connection;
        _publisher = publisher;
        _runId = runId;
        _runKey = RunKeyOf(runId);
        // Workers never see the store's connection string (it may hold a password).
        _configJson = ConfigWriter.ToJson(config with { Persistence = config.Persistence with { ConnectionString = string.Empty } });
        _epoch = epoch;
        _log = log;
        _notify = notify;
    }

    /// <summary>Faults when the run cannot go on (a poison task was dead-lettered).</summary>
    public Task Failure => _failure.Task;

    /// <summary>The cluster's counters so far.</summary>
    public ClusterStatistics Statistics => new(
        _membership.Up,
        _membership.Lost,
        Interlocked.Read(ref _redelivered),
        Interlocked.Read(ref _stale),
        Interlocked.Read(ref _malformed),
        Interlocked.Read(ref _deadLettered),
        _publisher.BytesPublished - Interlocked.Read(ref _welcomeBytes),
        Interlocked.Read(ref _bytesIn),
        Interlocked.Read(ref _welcomeBytes),
        Volatile.Read(ref _generationsPublished));

    /// <summary>Declares the topology and starts consuming results, control messages and dead letters.</summary>
    /// <param name="connection">An open connection (this fabric closes it).</param>
    /// <param name="runId">The run.</param>
    /// <param name="config">The run's resolved configuration (sent to joining nodes).</param>
    /// <param name="epoch">This coordinator's epoch.</param>
    /// <param name="log">Diagnostics.</param>
    /// <param name="notify">Membership changes, for the progress display.</param>
    /// <param name="cancellationToken">Gives up.</param>
    public static async Task<BrokerCoordinatorFabric> StartAsync(IConnection connection, string runId, TrainingConfig config, long epoch, Action<string> log, Action<string> notify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(config);
        var publisher = await OrderedPublisher.CreateAsync(connection, log, cancellationToken).ConfigureAwait(false);
        var fabric = new BrokerCoordinatorFabric(connection, publisher, runId, config, epoch, log, notify);
        var setup = await fabric.NewChannelAsync(cancellationToken).ConfigureAwait(false);
        await ClusterTopology.DeclareAsync(setup, cancellationToken).ConfigureAwait(false);

        fabric._results = await fabric.NewChannelAsync(cancellationToken).ConfigureAwait(false);
        await fabric._results.BasicQosAsync(0, 512, false, cancellationToken).ConfigureAwait(false);
        var results = new AsyncEventingBasicConsumer(fabric._results);
        results.ReceivedAsync += fabric.OnResultAsync;
        await fabric._results.BasicConsumeAsync(ClusterTopology.Results, autoAck: false, results, cancellationToken).ConfigureAwait(false);

        var control = await fabric.NewChannelAsync(cancellationToken).ConfigureAwait(false);
        var controlConsumer = new AsyncEventingBasicConsumer(control);
        controlConsumer.ReceivedAsync += fabric.OnControlAsync;
        await control.BasicConsumeAsync(ClusterTopology.Coordinator, autoAck: true, controlConsumer, cancellationToken).ConfigureAwait(false);

        var dead = await fabric.NewChannelAsync(cancellationToken).ConfigureAwait(false);
        var deadConsumer = new AsyncEventingBasicConsumer(dead);
        deadConsumer.ReceivedAsync += fabric.OnDeadLetterAsync;
        await dead.BasicConsumeAsync(ClusterTopology.Dead, autoAck: true, deadConsumer, cancellationToken).ConfigureAwait(false);
        fabric._sweeper = Task.Run(fabric.SweepAsync, CancellationToken.None);
        return fabric;
    }

    /// <inheritdoc/>
    public void AttachCoordinator(IActorRef coordinator) => _coordinator = coordinator;

    /// <inheritdoc/>
    public void BeforeRound(TrainingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var snapshot = session.Export(); // a copy; encoded only when a node asks for it
        (string Queue, string NodeId)[] waiting;
        lock (_gate)
        {
            _previous = session.LastRecord;
            _snapshot = snapshot;
            waiting = [.. _waitingForSnapshot];
            _waitingForSnapshot.Clear();
        }

        foreach (var (queue, _) in waiting)
        {
            SendWelcome(queue, snapshot);
        }
    }

    /// <inheritdoc/>
    public void Publish(GenerationView view, IReadOnlyList<EvaluationTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(tasks);
        GenerationRecord? previous;
        lock (_gate)
        {
            previous = _previous;
        }

        _generation = view.Generation;
        Interlocked.Increment(ref _generationsPublished);
        var broadcast = new GenerationMessage(_runKey, _epoch, view.Generation, ThetaHash.Compute(view.Theta), previous?.Generation == view.Generation - 1 ? previous : null);
        _publisher.Publish(ClusterTopology.Generations, string.Empty, WireProtocol.Encode(broadcast), persistent: false);
        foreach (var task in tasks)
        {
            _publisher.Publish(string.Empty, ClusterTopology.Tasks, WireProtocol.Encode(new TaskMessage(_runKey, task)));
        }
    }

    /// <summary>Tells the nodes the run is over and waits until that is sent.</summary>
    public async Task AnnounceFinishedAsync(string status, CancellationToken cancellationToken)
    {
        _publisher.Publish(ClusterTopology.Generations, string.Empty, WireProtocol.Encode(new FinishedMessage(_runKey, status)), persistent: false);
        await _publisher.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_sweeper is not null)
        {
            await _sweeper.ConfigureAwait(false);
        }

        await _publisher.DisposeAsync().ConfigureAwait(false);
        await BrokerShutdown.CloseQuietlyAsync(_channels, _connection).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<IChannel> NewChannelAsync(CancellationToken cancellationToken)
    {
        var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _channels.Add(channel);
        return channel;
    }

    private async Task OnResultAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Add(ref _bytesIn, delivery.Body.Length);
        ResultMessage? message = null;
        try
        {
            message = WireProtocol.Decode(delivery.Body) as ResultMessage;
        }
        catch (Exception e) when (e is InvalidDataException or ProtocolVersionException)
        {
            _log($"malformed result dead-lettered ({e.Message})");
        }

        if (message is null)
        {
            Interlocked.Increment(ref _malformed);
            await _results!.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false).ConfigureAwait(false);
            return;
        }

        if (message.RunKey == _runKey && _coordinator is IActorRef coordinator)
        {
            if (message.Result.Task.Generation != _generation)
            {
                Interlocked.Increment(ref _stale); // a late answer (e.g. from a node cut off and back): the round is over
            }
            else
            {
                if (message.Redelivered)
                {
                    Interlocked.Increment(ref _redelivered);
                }

                coordinator.Tell(message.Result);
            }
        }

        await _results!.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
    }

    private Task OnControlAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Add(ref _bytesIn, delivery.Body.Length);
        WireMessage message;
        try
        {
            message = WireProtocol.Decode(delivery.Body);
        }
        catch (ProtocolVersionException e)
        {
            if (delivery.BasicProperties.ReplyTo is { Length: > 0 } replyTo)
            {
                _notify($"refused a node speaking {e.Message}");
                var reason = $"this coordinator speaks cluster protocol version {WireProtocol.Version}, the node {e.MessageVersion}; run the same EsAkka version on every host";
                _publisher.Publish(string.Empty, replyTo, WireProtocol.Encode(new RefusedMessage(reason)), persistent: false);
            }

            return Task.CompletedTask;
        }
        catch (InvalidDataException e)
        {
            Interlocked.Increment(ref _malformed);
            _log($"malformed control message ignored ({e.Message})");
            return Task.CompletedTask;
        }

        switch (message)
        {
            case JoinMessage join:
                if (_membership.Joined(join.NodeId, join.Host, join.Workers))
                {
                    _notify($"node {join.NodeId} joined ({join.Workers} evaluator(s)); nodes up {_membership.Up}, lost {_membership.Lost}");
                }
                else if (join.Resync)
                {
                    _notify($"node {join.NodeId} is out of step: sending it a fresh snapshot");
                }

                SessionSnapshot? snapshot;
                lock (_gate)
                {
                    snapshot = _snapshot;
                    if (snapshot is null)
                    {
                        _waitingForSnapshot.Add((join.ReplyQueue, join.NodeId));
                    }
                }

                if (snapshot is not null)
                {
                    SendWelcome(join.ReplyQueue, snapshot);
                }

                break;
            case HeartbeatMessage heartbeat:
                if (_membership.Seen(heartbeat.NodeId))
                {
                    _notify($"node {heartbeat.NodeId} is up (heard from); nodes up {_membership.Up}, lost {_membership.Lost}");
                }

                break;
            case LeaveMessage leave:
                if (_membership.Left(leave.NodeId))
                {
                    _notify($"node {leave.NodeId} left; nodes up {_membership.Up}, lost {_membership.Lost}");
                }

                break;
            default:
                Interlocked.Increment(ref _malformed);
                break;
        }

        return Task.CompletedTask;
    }

    private Task OnDeadLetterAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _deadLettered);
        TaskMessage? task = null;
        try
        {
            task = WireProtocol.Decode(delivery.Body) as TaskMessage;
        }
        catch (Exception e) when (e is InvalidDataException or ProtocolVersionException)
        {
            // a malformed message some node dead-lettered: counted above
        }

        if (task is not null && task.RunKey == _runKey && task.Task.Generation == _generation)
        {
            if (DeathReason(delivery) == "delivery_limit")
            {
                _failure.TrySetException(new InvalidOperationException(
                    $"task {task.Task} was dead-lettered after {ClusterTopology.DeliveryLimit} deliveries (it fails on every node); the round cannot complete"));
            }
            else
            {
                // a node could not read a task this coordinator can: put it back rather than stall the round
                _publisher.Publish(string.Empty, ClusterTopology.Tasks, WireProtocol.Encode(task));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A run id as the 64-bit key every task, result and broadcast carries.</summary>
    private static ulong RunKeyOf(string runId) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(runId)));

    /// <summary>Why the broker dead-lettered a message (x-death's latest reason: rejected, delivery_limit, expired…).</summary>
    private static string? DeathReason(BasicDeliverEventArgs delivery)
    {
        if (delivery.BasicProperties.Headers is { } headers && headers.TryGetValue("x-death", out var death)
            && death is IList<object> entries && entries.Count > 0 && entries[0] is IDictionary<string, object> entry
            && entry.TryGetValue("reason", out var reason))
        {
            return reason is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : reason?.ToString();
        }

        return null;
    }

    private void SendWelcome(string queue, SessionSnapshot snapshot)
    {
        var body = WireProtocol.Encode(new WelcomeMessage(_runKey, _runId, _configJson, CheckpointCodec.EncodeSnapshot(snapshot, 0)));
        Interlocked.Add(ref _welcomeBytes, body.Length);
        _publisher.Publish(string.Empty, queue, body, persistent: false);
    }

    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var id in _membership.Sweep())
                {
                    _notify($"node {id} lost (silent for {NodeTimeout.TotalSeconds:F0} s); nodes up {_membership.Up}, lost {_membership.Lost}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
