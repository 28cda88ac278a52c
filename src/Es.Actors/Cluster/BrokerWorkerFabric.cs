using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Es.Actors.Cluster;

/// <summary>
/// A worker node's side of the RabbitMQ fabric. Joins the run (the coordinator answers
/// with the configuration and one snapshot), keeps a <see cref="NodeReplica"/> in step
/// with the generation broadcasts, and hands out tasks from the work queue only once the
/// replica has reached their generation (older tasks are acked and dropped). A lease is
/// acked after its result is confirmed by the broker, so a node that dies has its tasks
/// redelivered to the others.
/// </summary>
public sealed partial class BrokerWorkerFabric : IWorkerFabric, IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(2);

    private readonly IConnection _connection;
    private readonly IChannel _control;
    private readonly IChannel _tasks;
    private readonly OrderedPublisher _publisher;
    private readonly NodeIdentity _identity;
    private readonly string _queue;
    private readonly Action<string> _log;
    private readonly Action<string> _say;
    private readonly NoiseTable? _sharedNoise;
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly TaskCompletionSource<NodeReplica> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<EvaluationTask, bool> _outstanding = new();
    private TaskCompletionSource _viewChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NodeReplica? _replica;
    private NoiseTable? _noise;
    private Task? _heartbeats;
    private int _lastAnnouncedGeneration = -1;
    private int _waitingFor = -1;
    private int _waitTicks;
    private DateTimeOffset _resyncRequested = DateTimeOffset.MinValue;
    private long _malformed;
    private long _staleTasks;

    private BrokerWorkerFabric(IConnection connection, IChannel control, IChannel tasks, OrderedPublisher publisher, NodeIdentity identity, string queue, Action<string> log, Action<string> say, NoiseTable? sharedNoise)
    {
        _connection = connection;
        _control = control;
        _tasks = tasks;
        _publisher = publisher;
        _identity = identity;
        _queue = queue;
        _log = log;
        _say = say;
        _sharedNoise = sharedNoise;
    }

    /// <summary>Completes with the replica once the coordinator has welcomed this node.</summary>
    public Task<NodeReplica> Joined => _joined.Task;

    /// <summary>Completes with the run's final status; faults when the coordinator refuses the node.</summary>
    public Task<string> Finished => _finished.Task;

    /// <summary>Malformed messages received (dead-lettered).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Tasks of finished generations dropped.</summary>
    public long StaleTasks => Interlocked.Read(ref _staleTasks);

    /// <summary>Connects, declares the topology and this node's queue, and asks to join.</summary>
    /// <param name="connection">An open connection (this fabric owns and closes it).</param>
    /// <param name="identity">Who this node is.</param>
    /// <param name="log">Diagnostics (stderr).</param>
    /// <param name="say">Progress lines (stdout).</param>
    /// <param name="sharedNoise">A noise table already built for the run (the seed's local evaluators), or null.</param>
    /// <param name="cancellationToken">Gives up.</param>
    public static async Task<BrokerWorkerFabric> StartAsync(IConnection connection, NodeIdentity identity, Action<string> log, Action<string> say, NoiseTable? sharedNoise, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(identity);
        var control = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await ClusterTopology.DeclareAsync(control, cancellationToken).ConfigureAwait(false);
        var queue = await ClusterTopology.DeclareNodeQueueAsync(control, identity.NodeId, cancellationToken).ConfigureAwait(false);
        var tasks = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // As many unacknowledged tasks as the node's pool holds: a running and a waiting one per evaluator.
        await tasks.BasicQosAsync(0, (ushort)Math.Clamp(identity.Workers * HandOutBook.Depth, 1, ushort.MaxValue), false, cancellationToken).ConfigureAwait(false);
        var publisher = await OrderedPublisher.CreateAsync(connection, log, cancellationToken).ConfigureAwait(false);
        var fabric = new BrokerWorkerFabric(connection, control, tasks, publisher, identity, queue, log, say, sharedNoise);
        var consumer = new AsyncEventingBasicConsumer(control);
        consumer.ReceivedAsync += fabric.OnControlAsync;
        await control.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
        fabric.SendJoin(resync: false);
        fabric._heartbeats = Task.Run(fabric.HeartbeatAsync, CancellationToken.None);
        return fabric;
    }

    /// <summary>Starts taking tasks (once joined: the prefetch counts against the work queue).</summary>
    public async Task StartConsumingAsync(CancellationToken cancellationToken)
    {
        var consumer = new AsyncEventingBasicConsumer(_tasks);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // The body's memory belongs to the client only until this handler returns: copy it.
            _deliveries.Writer.TryWrite(new Delivery(delivery.DeliveryTag, delivery.Redelivered, AttemptOf(delivery), delivery.Body.ToArray()));
            return Task.CompletedTask;
        };
        await _tasks.BasicConsumeAsync(ClusterTopology.Tasks, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Always false: a delivery is decoded, and may wait for its generation's view, in <see cref="TakeAsync"/>.</remarks>
    public bool TryTake([NotNullWhen(true)] out TaskLease? lease)
    {
        lease = null;
        return false;
    }

    /// <inheritdoc/>
    public async ValueTask<TaskLease> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var delivery = await _deliveries.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ulong tag = delivery.DeliveryTag;
            TaskMessage? message = null;
            try
            {
                message = WireProtocol.Decode(delivery.Body) as TaskMessage;
            }
            catch (Exception e) when (e is InvalidDataException or ProtocolVersionException)
            {
                _log($"malformed task message dead-lettered ({e.Message})");
            }

            if (message is null)
            {
                Interlocked.Increment(ref _malformed);
                _publisher.Then(() => _tasks.BasicNackAsync(tag, multiple: false, requeue: false).AsTask());
                continue;
            }

            var replica = _replica!;
            if (message.RunKey != replica.RunKey)
            {
                Settle(tag); // a task of another run in this virtual host
                continue;
            }

            while (true)
            {
                var view = replica.View;
                if (view.Generation > message.Task.Generation)
                {
                    Interlocked.Increment(ref _staleTasks);
                    Settle(tag);
                    break;
                }

                if (view.Generation == message.Task.Generation)
                {
                    Volatile.Write(ref _waitingFor, -1);
                    if (Interlocked.Exchange(ref _lastAnnouncedGeneration, view.Generation) != view.Generation)
                    {
                        _say($"gen {view.Generation}: scoring");
                    }

                    _outstanding[message.Task] = delivery.Redelivered;
                    return new Lease(this, message.Task, tag) { Attempt = delivery.Attempt };
                }

                Task changed;
                lock (_gate)
                {
                    changed = _viewChanged.Task;
                }

                Volatile.Write(ref _waitingFor, message.Task.Generation);
                if (replica.View.Generation < message.Task.Generation)
                {
                    await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                replica = _replica!;
            }
        }
    }

    /// <inheritdoc/>
    public bool TryGetGeneration(int generation, out GenerationView view)
    {
        var current = _replica?.View;
        if (current is not null && current.Generation == generation)
        {
            view = current;
            return true;
        }

        view = null!;
        return false;
    }

    /// <inheritdoc/>
    public void PublishResult(TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool redelivered = _outstanding.TryGetValue(result.Task, out var flag) && flag;
        var body = WireProtocol.Encode(new ResultMessage(_replica!.RunKey, _identity.NodeId, redelivered, result));
        _publisher.Publish(string.Empty, ClusterTopology.Results, body);
    }

    /// <summary>Leaves the run (a clean goodbye) and waits until it is sent.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _publisher.Publish(string.Empty, ClusterTopology.Coordinator, WireProtocol.Encode(new LeaveMessage(_identity.NodeId)), persistent: false);
        await _publisher.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_heartbeats is not null)
        {
            await _heartbeats.ConfigureAwait(false);
        }

        await _publisher.DisposeAsync().ConfigureAwait(false);
        await BrokerShutdown.CloseQuietlyAsync(new[] { _tasks, _control }, _connection).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void Settle(ulong tag) => _publisher.Then(() => _tasks.BasicAckAsync(tag, multiple: false).AsTask());

    /// <summary>
    /// Which attempt a delivery is: quorum queues count earlier deliveries in
    /// <c>x-delivery-count</c>, so supervision's max_attempts spans nodes; without the
    /// header a redelivery counts as a second attempt.
    /// </summary>
    private static int AttemptOf(BasicDeliverEventArgs delivery)
    {
        if (delivery.BasicProperties.Headers is { } headers && headers.TryGetValue("x-delivery-count", out var count) && count is not null)
        {
            return (int)Math.Min(int.MaxValue - 1, Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture)) + 1;
        }

        return delivery.Redelivered ? 2 : 1;
    }

    private sealed record Delivery(ulong DeliveryTag, bool Redelivered, int Attempt, byte[] Body);

    private sealed class Lease(BrokerWorkerFabric fabric, EvaluationTask task, ulong tag) : TaskLease(task)
    {
        private int _settled;

        public override void Ack()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                fabric._outstanding.TryRemove(Task, out _);
                fabric.Settle(tag); // queued after the result: sent once the broker confirmed it
            }
        }

        public override void Requeue()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                fabric._outstanding.TryRemove(Task, out _);
                fabric._publisher.Then(() => fabric._tasks.BasicNackAsync(tag, multiple: false, requeue: true).AsTask());
            }
        }
    }
}
