using Es.Actors.Evaluation;
using Es.Actors.Hosting;
using Es.Core.Noise;
using Es.Core.Rollouts;

namespace Es.Actors.Cluster;

/// <summary>How a worker node ended.</summary>
public enum NodeExit
{
    /// <summary>The run finished.</summary>
    RunFinished,

    /// <summary>Stopped on request (SIGTERM, Ctrl+C, or its host ended); it left cleanly.</summary>
    Stopped,

    /// <summary>The coordinator refused it (another protocol version).</summary>
    Refused,
}

/// <summary>
/// A worker node: joins a run through the broker, then runs a pool of supervised
/// evaluators (<see cref="EvaluatorPoolActor"/>) over <see cref="BrokerWorkerFabric"/>
/// until the run finishes or it is stopped. es-node runs one; the seed runs one for its
/// local evaluators.
/// </summary>
public static class ClusterNode
{
    /// <summary>Runs a node to the end of the run.</summary>
    /// <param name="endpoint">The broker.</param>
    /// <param name="identity">Who this node is (its evaluator count included).</param>
    /// <param name="say">Progress lines.</param>
    /// <param name="log">Diagnostics.</param>
    /// <param name="connectTimeout">How long to keep trying an unreachable broker.</param>
    /// <param name="sharedNoise">A noise table already built for the run (the seed's), or null.</param>
    /// <param name="stop">Leave now.</param>
    /// <exception cref="BrokerConnectException">The broker could not be reached.</exception>
    /// <exception cref="ProtocolVersionException">The coordinator speaks another protocol version.</exception>
    public static async Task<NodeExit> RunAsync(BrokerEndpoint endpoint, NodeIdentity identity, Action<string> say, Action<string> log, TimeSpan connectTimeout, NoiseTable? sharedNoise, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(say);
        ArgumentNullException.ThrowIfNull(log);
        var connection = await BrokerConnector.ConnectAsync(endpoint, $"es-node {identity.NodeId}", connectTimeout, log, stop).ConfigureAwait(false);
        var fabric = await BrokerWorkerFabric.StartAsync(connection, identity, log, say, sharedNoise, stop).ConfigureAwait(false);
        await using (fabric.ConfigureAwait(false))
        {
            say($"node {identity.NodeId}: connected to {endpoint.Display}; waiting for the coordinator");
            var stopped = Task.Delay(Timeout.Infinite, stop);
            var first = await Task.WhenAny(fabric.Joined, fabric.Finished, stopped).ConfigureAwait(false);
            if (first == fabric.Finished)
            {
                await fabric.Finished.ConfigureAwait(false); // throws the refusal
            }

            if (first == stopped)
            {
                await LeaveAsync(fabric).ConfigureAwait(false);
                return NodeExit.Stopped;
            }

            var replica = await fabric.Joined.ConfigureAwait(false);
            var config = replica.Config;
            var noise = replica.Noise;
            var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var host = ActorHost.Start("es-node", log, AkkaSettings.Overrides(config));
            await using (host.ConfigureAwait(false))
            {
                host.TopLevelFailure += (actor, reason) => failed.TrySetException(new InvalidOperationException($"{actor.Path} failed: {reason.Message}", reason));
                var settings = EvaluatorSupervision.Settings(config);
                var evaluatorProps = EvaluatorActor.Props(
                    () => new CandidateEvaluator(ProblemFactory.Create(config), noise, config.Seed, config.Strategy.EpisodesPerCandidate),
                    settings);
                await host.SpawnAsync(
                    EvaluatorPoolActor.Props(fabric, identity.Workers, (_, _) => evaluatorProps, EvaluatorSupervision.Restarts(config.Supervision), new PoolStatistics(), PoolSettings.From(config.Supervision)),
                    "evaluators").ConfigureAwait(false);
                await fabric.StartConsumingAsync(stop).ConfigureAwait(false);
                var ended = await Task.WhenAny(fabric.Finished, stopped, failed.Task).ConfigureAwait(false);
                if (ended == fabric.Finished)
                {
                    var status = await fabric.Finished.ConfigureAwait(false);
                    say($"run over ({status}); leaving");
                    await LeaveAsync(fabric).ConfigureAwait(false);
                    return NodeExit.RunFinished;
                }

                await LeaveAsync(fabric).ConfigureAwait(false);
                if (ended == failed.Task)
                {
                    await failed.Task.ConfigureAwait(false); // rethrows the pool's failure
                }

                return NodeExit.Stopped;
            }
        }
    }

    /// <summary>Says goodbye, but never waits long for a broker that is gone.</summary>
    private static async Task LeaveAsync(BrokerWorkerFabric fabric)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await fabric.LeaveAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
