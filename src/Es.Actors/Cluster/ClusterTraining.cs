using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Es.Actors.Evaluation;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;

namespace Es.Actors.Cluster;

/// <summary>How a seed node's part in a cluster run ended.</summary>
/// <param name="Training">Outcome and fault counters, or null when this seed never coordinated (the run was over when it would have taken over).</param>
/// <param name="Cluster">What the dispatcher counted.</param>
public sealed record ClusterTrainingResult(TrainingResult? Training, ClusterCounters Cluster);

/// <summary>What a seed node needs to coordinate a run in the cluster.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Config">Its resolved configuration.</param>
/// <param name="Noise">The shared noise table.</param>
/// <param name="Checkpointing">The run's store (shared PostgreSQL for a standby).</param>
/// <param name="LocalWorkers">Evaluators in this process (0: coordinate only).</param>
/// <param name="RunIsOver">Reads the store: true when the run has already ended (a standby then does not train it again).</param>
public sealed record SeedRun(string RunId, TrainingConfig Config, NoiseTable Noise, Checkpointing Checkpointing, int LocalWorkers, Func<Task<bool>> RunIsOver)
{
    /// <summary>A live view of the nodes (the dashboard), or null.</summary>
    public IClusterPanel? Panel { get; init; }
}

/// <summary>
/// A seed node: a cluster member on the coordinator role, holding (or standing by for) the
/// coordinator singleton. The singleton recovers the run from the journal and coordinates it
/// through the <see cref="TaskDispatcherActor"/>; worker nodes join and register. When this
/// seed's run is over it tells the nodes, then leaves the cluster; a standby seed then
/// finds the run over and does not train it again.
/// </summary>
public static class ClusterTraining
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Takes part in the run until it is over here (or <paramref name="stop"/>).</summary>
    /// <param name="options">Where this seed listens and which seeds it joins (none: it starts the cluster).</param>
    /// <param name="run">The run.</param>
    /// <param name="observer">Receives every round (when this seed coordinates).</param>
    /// <param name="say">Progress and membership lines.</param>
    /// <param name="log">Diagnostics (Akka's log).</param>
    /// <param name="stop">Finish after the round in progress (or stop standing by).</param>
    public static async Task<ClusterTrainingResult> RunAsync(ClusterOptions options, SeedRun run, IRunObserver observer, Action<string> say, Action<string> log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(say);
        var config = run.Config;
        var counters = new ClusterCounters();
        var finished = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var over = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var statistics = new PoolStatistics();
        IActorRef? dispatcher = null;
        var host = ActorHost.Start(ClusterProtocol.SystemName, log, options.ToConfig(AkkaSettings.Over(config, run.Checkpointing.Persistence)), options.Tls is null ? null : ClusterTls.Setup(options.Tls));
        await using (host.ConfigureAwait(false))
        {
            var system = host.System;
            host.TopLevelFailure += (actor, reason) => finished.TrySetException(new InvalidOperationException($"{actor.Path} failed: {reason.Message}", reason));
            // Workers never see the store's connection string (it may hold a password).
            string configJson = ConfigWriter.ToJson(config with { Persistence = config.Persistence with { ConnectionString = string.Empty } });
            var dispatcherSettings = new DispatcherSettings(
                run.RunId, configJson, system.Settings.Config.GetTimeSpan("es.cluster.unreachable-deadline", TimeSpan.FromSeconds(3)), Patience, counters, say)
            {
                Panel = run.Panel,
            };
            if (run.Panel is not null)
            {
                system.ActorOf(MembershipFeedActor.Props(run.Panel), "membership-feed");
            }


            async Task<Props?> PrepareAsync(Es.Actors.Fabric.IEvaluationFabric fabric, IActorRef dispatcherRef)
            {
                Volatile.Write(ref dispatcher, dispatcherRef);
                if (await run.RunIsOver().ConfigureAwait(false))
                {
                    say($"run {run.RunId} is already over: nothing to take over");
                    over.TrySetResult();
                    return null;
                }

                var plan = run.Checkpointing.Plan with { From = await SnapshotChooser.ChooseAsync(system, run.RunId, line => log($"warning: {line}")).ConfigureAwait(false) };
                var session = new TrainingSession(config, run.Noise, ProblemFactory.Create(config));
                return CoordinatorActor.Props(session, fabric, new Relay(observer, finished), plan, run.Checkpointing.Checkpoints);
            }

            var singleton = CoordinatorSingletonActor.Props(new SingletonSettings(dispatcherSettings, PrepareAsync, e => finished.TrySetException(e)));
            system.ActorOf(
                ClusterSingletonManager.Props(singleton, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system).WithRole(ClusterProtocol.CoordinatorRole)),
                ClusterSingletonName);
            var cluster = Akka.Cluster.Cluster.Get(system);
            if (options.JoinsItselfOnceBound)
            {
                cluster.Join(cluster.SelfAddress);
            }

            cluster.RegisterOnMemberUp(() =>
            {
                var oldest = cluster.State.Members.Where(m => m.HasRole(ClusterProtocol.CoordinatorRole)).OrderBy(m => m, Akka.Cluster.Member.AgeOrdering).FirstOrDefault();
                say(oldest is null || oldest.Address.Equals(cluster.SelfAddress)
                    ? $"coordinating run {run.RunId} as {cluster.SelfAddress}; worker nodes join with: es-node --seed-node {options.AdvertisedHost}:{cluster.SelfAddress.Port}"
                    : $"standby: the seed node at {oldest.Address} coordinates; waiting to take over run {run.RunId}");
            });
            if (run.LocalWorkers > 0)
            {
                var identity = NodeIdentity.ForThisProcess(run.LocalWorkers, "seed");
                NodeWork.Start(host, NodeWork.CoordinatorProxy(system), identity, statistics, _ => run.Noise, _ => { });
            }

            using var registration = stop.Register(() => system.ActorSelection($"/user/{ClusterSingletonName}/singleton/run").Tell(new StopTraining()));
            var stopped = Task.Delay(Timeout.Infinite, stop);
            var first = await Task.WhenAny(finished.Task, over.Task, system.WhenTerminated, stopped).ConfigureAwait(false);
            if (first == stopped && Volatile.Read(ref dispatcher) is not null && !over.Task.IsCompleted)
            {
                // Coordinating here: the stop asked the coordinator to finish the round in
                // progress, record it and end the run (interrupted); wait for that, as an
                // embedded run does, instead of leaving with the round unrecorded.
                first = await Task.WhenAny(finished.Task, system.WhenTerminated).ConfigureAwait(false);
            }

            if (first == system.WhenTerminated && !finished.Task.IsCompleted)
            {
                throw new InvalidOperationException("this seed node was removed from the cluster (downed): another seed coordinates the run, or the cluster lost it");
            }

            if (first != finished.Task)
            {
                await LeaveAsync(system).ConfigureAwait(false);
                return new ClusterTrainingResult(null, counters);
            }

            TrainingOutcome outcome;
            string status;
            try
            {
                outcome = await finished.Task.ConfigureAwait(false);
                status = outcome.Interrupted ? "interrupted" : outcome.Solved ? "solved" : "finished";
            }
            catch (Exception)
            {
                await AnnounceAsync(Volatile.Read(ref dispatcher), "failed").ConfigureAwait(false);
                await LeaveAsync(system).ConfigureAwait(false);
                throw;
            }

            int nodesUp = counters.NodesUp; // nodes leave as soon as they hear the run is over
            await AnnounceAsync(Volatile.Read(ref dispatcher), status).ConfigureAwait(false);
            counters.SetNodesUp(nodesUp);
            await LeaveAsync(system).ConfigureAwait(false);
            var training = new TrainingResult(outcome, counters.EvaluatorRestarts, counters.TasksRedelivered) { CandidatesRetried = counters.CandidatesRetried };
            return new ClusterTrainingResult(training, counters);
        }
    }

    /// <summary>The singleton manager's name (the singleton's path is /user/NAME/singleton).</summary>
    private const string ClusterSingletonName = ClusterProtocol.SingletonName;

    private static async Task AnnounceAsync(IActorRef? dispatcher, string status)
    {
        if (dispatcher is null)
        {
            return;
        }

        try
        {
            await dispatcher.Ask<FinishAnnounced>(new AnnounceFinished(status), Patience + Patience).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
        }
    }

    private static async Task LeaveAsync(ActorSystem system)
    {
        try
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(Patience).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
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
