using Akka.Actor;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;

namespace Es.Actors.Hosting;

/// <summary>
/// The embedded deployment: coordinator and a pool of evaluators in one process, in a local
/// Akka.NET actor system, over the in-memory fabric. No port is opened; nothing but the
/// .NET runtime is needed.
/// </summary>
public static class EmbeddedTraining
{
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(10);

    /// <summary>Runs training to the end (or until <paramref name="stop"/> asks it to finish after the round in progress).</summary>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="evaluators">Number of evaluators.</param>
    /// <param name="observer">Receives every round's report.</param>
    /// <param name="stop">Requests a clean stop after the round in progress.</param>
    /// <param name="log">Diagnostic lines from the actor system.</param>
    /// <param name="createProblem">Makes each evaluator's problem (default: the one the configuration names); tests inject faults here.</param>
    /// <param name="checkpointing">Where the coordinator persists the run and recovers it from (a resumed run); default: in memory.</param>
    public static Task<TrainingResult> RunAsync(
        TrainingConfig config,
        NoiseTable noise,
        int evaluators,
        IRunObserver observer,
        CancellationToken stop,
        Action<string>? log = null,
        Func<IProblem>? createProblem = null,
        Checkpointing? checkpointing = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        return RunAsync(config, Task.FromResult(noise), evaluators, observer, stop, log, createProblem, checkpointing);
    }

    /// <summary>
    /// Runs training to the end, starting the actor system and opening the store while the
    /// noise table is still being built (<paramref name="noise"/>): the persistence plugin's
    /// first use (its tables, its compiled queries) costs as much as building the table.
    /// </summary>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="noise">The shared noise table, being built.</param>
    /// <param name="evaluators">Number of evaluators.</param>
    /// <param name="observer">Receives every round's report.</param>
    /// <param name="stop">Requests a clean stop after the round in progress.</param>
    /// <param name="log">Diagnostic lines from the actor system.</param>
    /// <param name="createProblem">Makes each evaluator's problem (default: the one the configuration names); tests inject faults here.</param>
    /// <param name="checkpointing">Where the coordinator persists the run and recovers it from (a resumed run); default: in memory.</param>
    /// <exception cref="TrainingFailedException">The coordinator or the pool failed; it says how far the run had got.</exception>
    public static async Task<TrainingResult> RunAsync(
        TrainingConfig config,
        Task<NoiseTable> noise,
        int evaluators,
        IRunObserver observer,
        CancellationToken stop,
        Action<string>? log = null,
        Func<IProblem>? createProblem = null,
        Checkpointing? checkpointing = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluators, 1);
        checkpointing ??= Checkpointing.InMemory(config);
        var host = ActorHost.Start("es-embedded", log, AkkaSettings.Over(config, checkpointing.Persistence));
        await using (host.ConfigureAwait(false))
        {
            return await RunInAsync(host, string.Empty, config, noise, evaluators, observer, log, createProblem, checkpointing, stop).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs training in an actor system the caller owns and keeps (one system for many runs,
    /// as a benchmark does, so that it measures one system's steady state as <c>train</c>
    /// does): the run's actors get names of their own and are stopped when it ends. The
    /// system must have been started with <paramref name="checkpointing"/>'s persistence, and
    /// each run needs a persistence id of its own.
    /// </summary>
    /// <param name="host">The actor system.</param>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="evaluators">Number of evaluators.</param>
    /// <param name="observer">Receives every round's report.</param>
    /// <param name="checkpointing">Where the coordinator persists the run.</param>
    /// <param name="createProblem">Makes each evaluator's problem (default: the one the configuration names).</param>
    public static async Task<TrainingResult> RunInAsync(ActorHost host, TrainingConfig config, NoiseTable noise, int evaluators, IRunObserver observer, Checkpointing checkpointing, Func<IProblem>? createProblem = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(checkpointing);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluators, 1);
        return await RunInAsync(host, $"-{checkpointing.Plan.RunId}", config, Task.FromResult(noise), evaluators, observer, null, createProblem, checkpointing, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<TrainingResult> RunInAsync(
        ActorHost host,
        string suffix,
        TrainingConfig config,
        Task<NoiseTable> noise,
        int evaluators,
        IRunObserver observer,
        Action<string>? log,
        Func<IProblem>? createProblem,
        Checkpointing checkpointing,
        CancellationToken stop)
    {
        createProblem ??= () => ProblemFactory.Create(config);
        var fabric = new InMemoryFabric();
        var statistics = new PoolStatistics();
        var finished = new CompletionObserver(observer);
        var plan = checkpointing.Plan with { From = await SnapshotChooser.ChooseAsync(host.System, checkpointing.Plan.RunId, line => log?.Invoke($"warning: {line}")).ConfigureAwait(false) };
        var table = await noise.ConfigureAwait(false);
        host.TopLevelFailure += finished.Fail;
        using var unsubscribe = new OnDispose(() => host.TopLevelFailure -= finished.Fail);
        var settings = EvaluatorSupervision.Settings(config);
        var evaluatorProps = EvaluatorActor.Props(
            () => new CandidateEvaluator(createProblem(), table, config.Seed, config.Strategy.EpisodesPerCandidate, config.Strategy.RewardShift),
            settings);
        var pool = await host.SpawnAsync(
            EvaluatorPoolActor.Props(fabric, evaluators, (_, _) => evaluatorProps, EvaluatorSupervision.Restarts(config.Supervision), statistics, PoolSettings.From(config.Supervision)),
            "evaluators" + suffix).ConfigureAwait(false);
        using var stopPool = new OnDispose(() =>
        {
            if (suffix.Length > 0)
            {
                pool.Tell(PoisonPill.Instance); // a shared system outlives the run; an own one stops it with everything
            }
        });
        var session = new TrainingSession(config, table, ProblemFactory.Create(config));
        // Registered before the coordinator exists, so a stop requested during its first
        // rounds is not missed; a stop that came before it existed is passed on just after.
        IActorRef? coordinator = null;
        using var registration = stop.Register(() => Volatile.Read(ref coordinator)?.Tell(new StopTraining()));
        Volatile.Write(ref coordinator, await host.SpawnAsync(CoordinatorActor.Props(session, fabric, finished, plan, checkpointing.Checkpoints), "coordinator" + suffix).ConfigureAwait(false));
        if (stop.IsCancellationRequested)
        {
            coordinator.Tell(new StopTraining());
        }

        TrainingResult Result(TrainingOutcome outcome) => new(outcome, statistics.EvaluatorRestarts, fabric.TasksRedelivered)
        {
            CandidatesRetried = fabric.CandidatesRetried,
        };

        try
        {
            return Result(await finished.Task.ConfigureAwait(false));
        }
        catch (InvalidOperationException failure)
        {
            // The session is read only once the coordinator has stopped (a failed pool leaves it running).
            bool stopped;
            try
            {
                stopped = await coordinator.GracefulStop(StopPatience).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                stopped = false;
            }

            throw stopped ? new TrainingFailedException(failure.Message, failure, Result(session.Outcome())) : new TrainingFailedException(failure.Message, failure);
        }
    }

    /// <summary>Runs an action when disposed.</summary>
    private sealed class OnDispose(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>Forwards reports and turns the end of the run (or a failure) into a task.</summary>
    private sealed class CompletionObserver(IRunObserver inner) : IRunObserver
    {
        private readonly TaskCompletionSource<TrainingOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TrainingOutcome> Task => _done.Task;

        public void OnRoundCompleted(GenerationReport report) => inner.OnRoundCompleted(report);

        public void OnRecovered(RecoveryResult recovery) => inner.OnRecovered(recovery);

        public void OnFinished(TrainingOutcome outcome)
        {
            inner.OnFinished(outcome);
            _done.TrySetResult(outcome);
        }

        public void Fail(IActorRef actor, Exception reason) =>
            _done.TrySetException(new InvalidOperationException($"{actor.Path} failed: {reason.Message}", reason));
    }
}
