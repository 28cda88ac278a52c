using Es.Actors.Fabric;
using Es.Actors.Kernel;
using Es.Core.Normalization;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Actors.Evaluation;

/// <summary>
/// Scores tasks. Each incarnation builds a fresh problem (environment, policy, buffers)
/// in <see cref="PreStart"/>, so a restart after a failure starts from a clean slate.
/// </summary>
public sealed class EvaluatorActor : Actor
{
    private readonly Func<CandidateEvaluator> _createEvaluator;
    private readonly EvaluatorSettings _settings;
    private CandidateEvaluator? _evaluator;

    private EvaluatorActor(Func<CandidateEvaluator> createEvaluator, EvaluatorSettings settings)
    {
        _createEvaluator = createEvaluator;
        _settings = settings;
    }

    /// <summary>Props for an evaluator.</summary>
    public static Props Props(Func<CandidateEvaluator> createEvaluator, EvaluatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(createEvaluator);
        ArgumentNullException.ThrowIfNull(settings);
        return Kernel.Props.Create(() => new EvaluatorActor(createEvaluator, settings));
    }

    /// <inheritdoc/>
    protected internal override void PreStart() => _evaluator = _createEvaluator();

    /// <inheritdoc/>
    protected internal override void Receive(object message)
    {
        if (message is Evaluate evaluate)
        {
            Sender?.Tell(new Evaluated(Score(_evaluator!, evaluate.Task, evaluate.View, _settings)), Self);
        }
        else
        {
            Unhandled(message);
        }
    }

    /// <summary>Scores a task: the pure part of an evaluator, shared with tests and benchmarks.</summary>
    public static TaskResult Score(CandidateEvaluator evaluator, EvaluationTask task, GenerationView view, EvaluatorSettings settings)
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
}
