using Akka.Actor;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using RabbitMQ.Client;

namespace Es.Actors.Cluster;

/// <summary>A cluster run's result: the run's and the fabric's counters.</summary>
/// <param name="Training">Outcome, restarts, redeliveries.</param>
/// <param name="Cluster">What the fabric counted.</param>
public sealed record ClusterTrainingResult(TrainingResult Training, ClusterStatistics Cluster);

/// <summary>
/// The seed node's deployment over RabbitMQ: the coordinator actor on
/// <see cref="BrokerCoordinatorFabric"/>, plus (unless 0) a local worker node with its own
/// evaluators. Worker nodes on other hosts join through the broker.
/// </summary>
public static class ClusterTraining
{
    /// <summary>Trains to the end of the run (or until <paramref name="stop"/>), as the active coordinator.</summary>
    /// <param name="connection">An open connection to the broker (closed at the end).</param>
    /// <param name="endpoint">The broker (for the local node's own connection).</param>
    /// <param name="runId">The run.</param>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="session">A fresh session: the coordinator recovers the run into it.</param>
    /// <param name="checkpointing">Where the coordinator persists the run (the shared store a standby takes over from).</param>
    /// <param name="epoch">This coordinator's epoch.</param>
    /// <param name="localWorkers">Evaluators in this process (0: coordinate only).</param>
    /// <param name="observer">Receives every round.</param>
    /// <param name="notify">Membership changes (progress display).</param>
    /// <param name="log">Diagnostics.</param>
    /// <param name="stop">Finish after the round in progress.</param>
    public static async Task<ClusterTrainingResult> RunAsync(
        IConnection connection,
        BrokerEndpoint endpoint,
        string runId,
        TrainingConfig config,
        NoiseTable noise,
        TrainingSession session,
        Checkpointing checkpointing,
        long epoch,
        int localWorkers,
        IRunObserver observer,
        Action<string> notify,
        Action<string> log,
        CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var fabric = await BrokerCoordinatorFabric.StartAsync(connection, runId, config, epoch, log, notify, stop).ConfigureAwait(false);
        await using (fabric.ConfigureAwait(false))
        {
            var finished = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var nodeStop = new CancellationTokenSource();
            Task<NodeExit>? localNode = null;
            var host = ActorHost.Start("es-seed", log, AkkaSettings.Over(config, checkpointing.Persistence));
            await using (host.ConfigureAwait(false))
            {
                host.TopLevelFailure += (actor, reason) => finished.TrySetException(new InvalidOperationException($"{actor.Path} failed: {reason.Message}", reason));
                var relay = new Relay(observer, finished);
                var plan = checkpointing.Plan with { From = await SnapshotChooser.ChooseAsync(host.System, runId, line => log($"warning: {line}")).ConfigureAwait(false) };
                var coordinator = await host.SpawnAsync(CoordinatorActor.Props(session, fabric, relay, plan, checkpointing.Checkpoints), "coordinator").ConfigureAwait(false);
                using var registration = stop.Register(() => coordinator.Tell(new StopTraining()));
                if (localWorkers > 0)
                {
                    var identity = NodeIdentity.ForThisProcess(localWorkers, "seed");
                    localNode = ClusterNode.RunAsync(endpoint, identity, _ => { }, log, TimeSpan.FromSeconds(60), noise, nodeStop.Token);
                }

                var failure = fabric.Failure.ContinueWith(t => t.Exception!.InnerException!, TaskScheduler.Default);
                var done = await Task.WhenAny(finished.Task, failure).ConfigureAwait(false);
                if (done == failure && !finished.Task.IsCompleted)
                {
                    await fabric.AnnounceFinishedAsync("failed", CancellationToken.None).ConfigureAwait(false);
                    throw await failure.ConfigureAwait(false);
                }

                var outcome = await finished.Task.ConfigureAwait(false);
                var status = outcome.Interrupted ? "interrupted" : outcome.Solved ? "solved" : "finished";

                // Nodes leave as soon as they hear the run is over: count those up before saying so.
                int nodesUp = fabric.Statistics.NodesUp;
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await fabric.AnnounceFinishedAsync(status, patience.Token).ConfigureAwait(false);
                if (localNode is not null)
                {
                    await nodeStop.CancelAsync().ConfigureAwait(false);
                    try
                    {
                        await localNode.ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        log($"local evaluators: {e.Message}");
                    }
                }

                var statistics = fabric.Statistics with { NodesUp = nodesUp };
                return new ClusterTrainingResult(new TrainingResult(outcome, 0, statistics.TasksRedelivered), statistics);
            }
        }
    }

    private sealed class Relay(IRunObserver inner, TaskCompletionSource<TrainingOutcome> finished) : IRunObserver
    {
        public void OnRoundCompleted(GenerationReport report) => inner.OnRoundCompleted(report);

        public void OnRecovered(RecoveryResult recovery) => inner.OnRecovered(recovery);

        public void OnFinished(TrainingOutcome outcome)
        {
            inner.OnFinished(outcome);
            finished.TrySetResult(outcome);
        }
    }
}
