using Akka.Actor;
using Es.Actors.Evaluation;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Noise;

namespace Es.Actors.Cluster;

/// <summary>How a worker node ended.</summary>
public enum NodeExit
{
    /// <summary>The run finished.</summary>
    RunFinished,

    /// <summary>Stopped on request (SIGTERM, Ctrl+C); it left the cluster cleanly.</summary>
    Stopped,
}

/// <summary>
/// A worker node: joins the cluster through its seed nodes, registers its pool with the
/// coordinator singleton and scores tasks until the run is over. When the cluster downs it
/// (cut off past the downing deadline, or quarantined) its actor system ends; the node then
/// starts a new one and joins again, a new incarnation, until the run is over or it is stopped.
/// </summary>
public static class ClusterNode
{
    private static readonly TimeSpan LeavePatience = TimeSpan.FromSeconds(10);

    /// <summary>Runs the node to the end of the run.</summary>
    /// <param name="options">Where it listens and which seed nodes it joins.</param>
    /// <param name="identity">Who it is.</param>
    /// <param name="say">Progress lines.</param>
    /// <param name="log">Diagnostics (Akka's log).</param>
    /// <param name="stop">Leave now.</param>
    /// <exception cref="ProtocolVersionException">The coordinator speaks another protocol version.</exception>
    public static async Task<NodeExit> RunAsync(ClusterOptions options, NodeIdentity identity, Action<string> say, Action<string> log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(say);
        var statistics = new PoolStatistics();
        NoiseTable? noise = null;
        NoiseTable NoiseFor(TrainingConfig config)
        {
            if (noise is null || noise.Size != config.Noise.TableSize || noise.Seed != config.Noise.Seed)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
                say($"noise table: {config.Noise.TableSize:N0} values in {started.Elapsed.TotalSeconds:F2} s");
            }

            return noise;
        }

        var stopped = Task.Delay(Timeout.Infinite, stop);
        for (int incarnation = 1; ; incarnation++)
        {
            var host = ActorHost.Start(ClusterProtocol.SystemName, log, options.ToConfig(), options.Tls is null ? null : ClusterTls.Setup(options.Tls));
            await using (host.ConfigureAwait(false))
            {
                var cluster = Akka.Cluster.Cluster.Get(host.System);
                say(incarnation == 1
                    ? $"node {identity.NodeId}: joining the cluster through {string.Join(", ", options.SeedNodes)} as {cluster.SelfAddress}"
                    : $"node {identity.NodeId}: rejoining as a new incarnation ({incarnation}) as {cluster.SelfAddress}");
                var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                host.TopLevelFailure += (actor, reason) => failed.TrySetException(new InvalidOperationException($"{actor.Path} failed: {reason.Message}", reason));
                cluster.RegisterOnMemberUp(() => say($"node {identity.NodeId}: up in the cluster; waiting for the coordinator"));
                var (agent, pool) = NodeWork.Start(host, NodeWork.CoordinatorProxy(host.System), identity, statistics, NoiseFor, say);
                var poolFailed = pool.ContinueWith(t => t.IsFaulted && !agent.Joined.Task.IsFaulted ? throw t.Exception!.GetBaseException() : Task.Delay(Timeout.Infinite, stop), TaskScheduler.Default).Unwrap();
                var ended = await Task.WhenAny(agent.Finished.Task, host.System.WhenTerminated, stopped, failed.Task, poolFailed).ConfigureAwait(false);
                if (host.System.WhenTerminated.IsCompleted && !agent.Finished.Task.IsCompleted && !stop.IsCancellationRequested)
                {
                    // Downed (or quarantined): whatever else failed as the system went down, the node joins again.
                    say($"node {identity.NodeId}: removed from the cluster (downed or quarantined)");
                    continue;
                }

                if (ended == agent.Finished.Task)
                {
                    var status = await agent.Finished.Task.ConfigureAwait(false); // throws a refusal
                    say($"run over ({status}); leaving");
                    await LeaveAsync(host.System).ConfigureAwait(false);
                    return NodeExit.RunFinished;
                }

                // On a stop the pool's watch (a delay on the same token) ends too, cancelled, and
                // Task.WhenAny may name either: both mean stopped, not failed.
                if (ended == stopped || (ended == poolFailed && poolFailed.IsCanceled))
                {
                    await LeaveAsync(host.System).ConfigureAwait(false);
                    return NodeExit.Stopped;
                }

                if (ended == failed.Task || ended == poolFailed)
                {
                    await LeaveAsync(host.System).ConfigureAwait(false);
                    await ended.ConfigureAwait(false); // rethrows the pool's failure
                }

                say($"node {identity.NodeId}: removed from the cluster (downed or quarantined)");
            }
        }
    }

    /// <summary>Leaves the cluster cleanly (the coordinator puts back what this node held), bounded.</summary>
    private static async Task LeaveAsync(ActorSystem system)
    {
        try
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(LeavePatience).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
