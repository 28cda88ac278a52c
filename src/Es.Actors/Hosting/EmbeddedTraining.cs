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
        createProblem ??= () => ProblemFactory.Create(config);
        var fabric = new InMemoryFabric();
        var statistics = new PoolStatistics();
        var finished = new CompletionObserver(observer);
        checkpointing ??= Checkpointing.InMemory(config);
        var host = ActorHost.Start("es-embedded", log, AkkaSettings.Over(config, checkpointing.Persistence));
        await using (host.ConfigureAwait(false))
        {
            var plan = checkpointing.Plan with { From = await SnapshotChooser.ChooseAsync(host.System, checkpointing.Plan.RunId, line => log?.Invoke($"warning: {line}")).ConfigureAwait(false) };
            var table = await noise.ConfigureAwait(false);
            host.TopLevelFailure += finished.Fail;
            var settings = EvaluatorSupervision.Settings(config);
            var evaluatorProps = EvaluatorActor.Props(
                () => new CandidateEvaluator(createProblem(), table, config.Seed, config.Strategy.EpisodesPerCandidate),
                settings);
            await host.SpawnAsync(
                EvaluatorPoolActor.Props(fabric, evaluators, (_, _) => evaluatorProps, EvaluatorSupervision.Restarts(config.Supervision), statistics, PoolSettings.From(config.Supervision)),
                "evaluators").ConfigureAwait(false);
            var session = new TrainingSession(config, table, ProblemFactory.Create(config));
            // Registered before the coordinator exists, so a stop requested during its first
            // rounds is not missed; a stop that came before it existed is passed on just after.
            IActorRef? coordinator = null;
            using var registration = stop.Register(() => Volatile.Read(ref coordinator)?.Tell(new StopTraining()));
            Volatile.Write(ref coordinator, await host.SpawnAsync(CoordinatorActor.Props(session, fabric, finished, plan, checkpointing.Checkpoints), "coordinator").ConfigureAwait(false));
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
    }

    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(10);

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
