using System.Threading.Channels;
using Es.Actors.Fabric;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Es.Actors.Cluster;

/// <summary>The control side: joining, generation broadcasts, resyncs and heartbeats.</summary>
public sealed partial class BrokerWorkerFabric
{
    private void SendJoin(bool resync)
    {
        var body = WireProtocol.Encode(new JoinMessage(_identity.NodeId, _identity.Host, _identity.Workers, _queue, resync));
        _publisher.PublishWithReplyTo(ClusterTopology.Coordinator, body, _queue);
    }

    private void RequestResync(string why)
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _resyncRequested < TimeSpan.FromSeconds(5))
        {
            return;
        }

        _resyncRequested = now;
        _log($"replica out of step ({why}); asking the coordinator for a fresh snapshot");
        SendJoin(resync: true);
    }

    private Task OnControlAsync(object sender, BasicDeliverEventArgs delivery)
    {
        WireMessage message;
        try
        {
            message = WireProtocol.Decode(delivery.Body);
        }
        catch (ProtocolVersionException e)
        {
            _finished.TrySetException(new ProtocolVersionException($"the coordinator speaks {e.Message}; run the same EsAkka version on every host"));
            return Task.CompletedTask;
        }
        catch (InvalidDataException e)
        {
            Interlocked.Increment(ref _malformed);
            _log($"malformed control message ignored ({e.Message})");
            return Task.CompletedTask;
        }

        try
        {
            Handle(message);
        }
        catch (Exception e) when (e is InvalidDataException or ConfigException)
        {
            _log($"cannot follow the coordinator ({e.Message}); asking again");
            _resyncRequested = DateTimeOffset.MinValue;
            RequestResync("bad welcome");
        }

        return Task.CompletedTask;
    }

    private void Handle(WireMessage message)
    {
        switch (message)
        {
            case RefusedMessage refused:
                _finished.TrySetException(new ProtocolVersionException($"the coordinator refused this node: {refused.Reason}"));
                break;
            case WelcomeMessage welcome when _replica is null || welcome.RunKey != _replica.RunKey:
                var config = ConfigLoader.Load(welcome.ConfigJson, "the coordinator's configuration");
                var noise = NoiseFor(config);
                var replica = new NodeReplica(config, noise, welcome.RunKey, welcome.Snapshot);
                Swap(replica);
                _say($"joined run {welcome.RunId} at generation {replica.Generation} ({config.Env.Name}, population {config.Strategy.Population}, {_identity.Workers} evaluator(s))");
                _joined.TrySetResult(replica);
                break;
            case WelcomeMessage welcome:
                if (_replica.Reset(welcome.Snapshot))
                {
                    _say($"resynchronised at generation {_replica.Generation}");
                    Swap(_replica);
                }

                _resyncRequested = DateTimeOffset.MinValue;
                break;
            case GenerationMessage generation when _replica is not null:
                var step = _replica.Apply(generation);
                if (step == ReplicaStep.Advanced)
                {
                    Swap(_replica);
                }
                else if (step == ReplicaStep.OutOfStep)
                {
                    RequestResync($"broadcast of generation {generation.Generation}, replica at {_replica.Generation}");
                }

                break;
            case FinishedMessage finished when _replica is not null && finished.RunKey == _replica.RunKey:
                _finished.TrySetResult(finished.Status);
                break;
            default:
                break; // broadcasts before the welcome, or of another run
        }
    }

    private NoiseTable NoiseFor(TrainingConfig config)
    {
        foreach (var candidate in new[] { _noise, _sharedNoise })
        {
            if (candidate is not null && candidate.Size == config.Noise.TableSize && candidate.Seed == config.Noise.Seed)
            {
                return candidate;
            }
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        _noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
        _say($"noise table: {config.Noise.TableSize:N0} values in {started.Elapsed.TotalSeconds:F2} s");
        return _noise;
    }

    private void Swap(NodeReplica replica)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            _replica = replica;
            previous = _viewChanged;
            _viewChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(HeartbeatEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var replica = _replica;
                var body = WireProtocol.Encode(new HeartbeatMessage(_identity.NodeId, replica?.Generation ?? -1));
                _publisher.Publish(string.Empty, ClusterTopology.Coordinator, body, persistent: false);
                int waiting = Volatile.Read(ref _waitingFor);
                if (replica is not null && waiting > replica.Generation)
                {
                    // a task of a later generation arrived but its broadcast did not (lost in a broker restart)
                    if (++_waitTicks >= 2)
                    {
                        RequestResync($"holding a task of generation {waiting}, replica at {replica.Generation}");
                    }
                }
                else
                {
                    _waitTicks = 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
