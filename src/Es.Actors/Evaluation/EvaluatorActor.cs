using Akka.Actor;
using Akka.Event;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Core.Normalization;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Actors.Evaluation;

/// <summary>
/// Scores tasks. Each incarnation builds a fresh problem (environment, policy, buffers)
/// in <see cref="PreStart"/>, so a restart after a failure starts from a clean slate, and
/// then tells its parent it is ready for work. A NaN or infinite reward is passed on (the
/// coordinator counts it as a failed candidate) and logged with the candidate's name.
/// Each evaluator runs on a thread of its own (<see cref="ActorHost.EvaluatorDispatcher"/>),
/// on which the pool's and the coordinator's turns that its answers start run too
/// (<see cref="CallerRunsDispatcher"/>).
/// </summary>
public sealed class EvaluatorActor : UntypedActor
{
    private readonly Func<CandidateEvaluator> _createEvaluator;
    private readonly EvaluatorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private CandidateEvaluator? _evaluator;

    /// <summary>Created through <see cref="Props"/>.</summary>
    public EvaluatorActor(Func<CandidateEvaluator> createEvaluator, EvaluatorSettings settings)
    {
        _createEvaluator = createEvaluator;
        _settings = settings;
    }

    /// <summary>Props for an evaluator, on a thread of its own.</summary>
    public static Props Props(Func<CandidateEvaluator> createEvaluator, EvaluatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(createEvaluator);
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Actor.Props.Create(() => new EvaluatorActor(createEvaluator, settings)).WithDispatcher(ActorHost.EvaluatorDispatcher);
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        CallerRunsDispatcher.RunTurnsOnThisThread(); // the thread is this evaluator's alone (its dispatcher is pinned)
        _evaluator = _createEvaluator();
        Context.Parent.Tell(new EvaluatorReady(), Self);
    }

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        if (message is Evaluate evaluate)
        {
            if (evaluate.Ticket?.TryStart(Context.System.Scheduler.Now) == false)
            {
                return; // taken back while it waited here (this evaluator failed meanwhile): it is handed out again
            }

            var chaos = _settings.Chaos;
            Action<CandidateName>? inject = chaos.Enabled ? candidate => Inject(chaos.For(candidate, evaluate.Attempt), candidate, evaluate) : null;
            var result = Score(_evaluator!, evaluate.Task, evaluate.View, _settings, inject);
            ReportNonFinite(result);
            Sender.Tell(new Evaluated(result, evaluate.Dispatch), Self);
        }
        else
        {
            Unhandled(message);
        }
    }

    /// <summary>Scores a task: the pure part of an evaluator, shared with tests and benchmarks.</summary>
    /// <param name="evaluator">The evaluator's problem and buffers.</param>
    /// <param name="task">The task.</param>
    /// <param name="view">θ, filter and σ of its generation.</param>
    /// <param name="settings">Run seed and observation sampling.</param>
    /// <param name="beforeCandidate">Called before each perturbed candidate is scored (fault injection); may throw or block.</param>
    public static TaskResult Score(CandidateEvaluator evaluator, EvaluationTask task, GenerationView view, EvaluatorSettings settings, Action<CandidateName>? beforeCandidate = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(settings);
        var returns = new double[task.Count];
        long steps = 0;
        List<ObservationDelta>? observations = null;
        for (int i = 0; i < task.Count; i++)
        {
            int index = task.First + i;
            EpisodeOutcome outcome;
            if (task.Kind == TaskKind.Evaluation)
            {
                outcome = evaluator.EvaluateMean(view, index);
            }
            else
            {
                var candidate = new CandidateName(task.Generation, index);
                beforeCandidate?.Invoke(candidate);
                var sampled = evaluator.Problem.ObservationSize > 0
                    && ObservationSampling.Includes(settings.RunSeed, candidate, settings.ObservationFraction);
                var statistics = sampled ? new RunningStat(evaluator.Problem.ObservationSize) : null;
                outcome = evaluator.EvaluateCandidate(view, candidate, statistics);
                if (statistics is not null)
                {
                    (observations ??= []).Add(new ObservationDelta(index, statistics.Count, [.. statistics.Mean], [.. statistics.M2]));
                }
            }

            returns[i] = outcome.Return;
            steps += outcome.Steps;
        }

        return new TaskResult(task, returns, steps, observations is null ? [] : [.. observations]);
    }

    private void Inject(ChaosFault fault, CandidateName candidate, Evaluate evaluate)
    {
        int attempt = evaluate.Attempt;
        switch (fault)
        {
            case ChaosFault.Crash:
                throw new InjectedFaultException($"chaos: evaluator crash injected at g{candidate.Generation}/c{candidate.Index} (attempt {attempt})");
            case ChaosFault.Hang:
                // Blocks like a hung environment, but on the hand-out's Abandoned token: the
                // task deadline gives up on the hand-out, cancels the token and the thread
                // is released (never leaked), as it is when the system shuts down instead.
                _log.Info($"{Self.Path}: chaos: hang injected at g{candidate.Generation}/c{candidate.Index} (attempt {attempt}); waiting for the task deadline");
                evaluate.Abandoned.WaitHandle.WaitOne();
                throw new OperationCanceledException($"chaos: hang injected at g{candidate.Generation}/c{candidate.Index} (attempt {attempt}) ended by its deadline", evaluate.Abandoned);
        }
    }

    private void ReportNonFinite(TaskResult result)
    {
        for (int i = 0; i < result.Returns.Length; i++)
        {
            if (!double.IsFinite(result.Returns[i]))
            {
                var kind = result.Task.Kind == TaskKind.Candidates ? "c" : "eval";
                _log.Warning($"g{result.Task.Generation}/{kind}{result.Task.First + i}: reward {result.Returns[i]}; counted as a failed candidate");
            }
        }
    }
}
