using Es.Actors.Fabric;
using Es.Core.Normalization;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Actors.Training;

/// <summary>Planning a round, collecting its results and completing it.</summary>
public sealed partial class TrainingSession
{
    /// <summary>
    /// Plans the next round. A generation round scores the population of θ_g (and, every
    /// <c>evaluation.every</c> generations, θ_g itself); once the generation limit is
    /// reached a final round only evaluates the final θ.
    /// </summary>
    public GenerationPlan BeginRound()
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("The run is finished.");
        }

        if (RoundInProgress)
        {
            throw new InvalidOperationException($"Generation {Generation} is still being scored.");
        }

        var tasks = new List<EvaluationTask>();
        _roundHasPopulation = Generation < _config.Generations;
        bool evaluate = !_roundHasPopulation || (Generation > 0 && Generation % _config.Evaluation.Every == 0);
        if (_roundHasPopulation)
        {
            Array.Clear(_scored);
            Array.Clear(_deltas);
            AddTasks(tasks, TaskKind.Candidates, _config.Strategy.Population, _config.Tasks.CandidatesPerTask);
        }

        _evalReturns = evaluate ? new double[_config.Evaluation.Episodes] : [];
        _evalScored = new bool[_evalReturns.Length];
        if (evaluate)
        {
            AddTasks(tasks, TaskKind.Evaluation, _config.Evaluation.Episodes, _config.Tasks.EpisodesPerEvalTask);
        }

        _pending = (_roundHasPopulation ? _config.Strategy.Population : 0) + _evalReturns.Length;
        _roundSteps = 0;
        return new GenerationPlan(CurrentView(), tasks);
    }

    /// <summary>
    /// Records a result. Results of another generation, and scores already recorded
    /// (a redelivered task answered twice), are ignored.
    /// </summary>
    /// <returns>True when this result completed the round.</returns>
    public bool Record(TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var task = result.Task;
        if (task.Generation != Generation || _pending == 0 || result.Returns.Length != task.Count)
        {
            return false;
        }

        bool population = task.Kind == TaskKind.Candidates;
        var returns = population ? _rewards : _evalReturns;
        var scored = population ? _scored : _evalScored;
        if (population && !_roundHasPopulation)
        {
            return false;
        }

        // Only the ranges this session planned are accepted, and only unscored: anything else
        // is a duplicate or a malformed result (a remote node's), never a crash or a change to θ.
        int perTask = population ? _config.Tasks.CandidatesPerTask : _config.Tasks.EpisodesPerEvalTask;
        if (task.Count < 1 || task.First < 0 || task.First % perTask != 0 || task.Count != Math.Min(perTask, scored.Length - task.First)
            || scored[task.First])
        {
            return false;
        }

        foreach (var delta in result.Observations)
        {
            if (!population || delta.CandidateIndex < task.First || delta.CandidateIndex >= task.First + task.Count
                || delta.Mean.Length != (_observations?.Dimension ?? -1) || delta.M2.Length != delta.Mean.Length)
            {
                return false;
            }
        }

        for (int i = 0; i < task.Count; i++)
        {
            returns[task.First + i] = result.Returns[i];
            scored[task.First + i] = true;
        }

        foreach (var delta in result.Observations)
        {
            _deltas[delta.CandidateIndex] = delta;
        }

        _pending -= task.Count;
        _roundSteps += result.Steps;
        return _pending == 0;
    }

    /// <summary>Applies a completed round: evaluation bookkeeping, then the update.</summary>
    public GenerationReport CompleteRound()
    {
        if (_pending != 0)
        {
            throw new InvalidOperationException($"{_pending} scores of generation {Generation} are still missing.");
        }

        int generation = Generation;
        LastRecord = CurrentRecord();
        // Evaluation episodes that failed are left out of the mean (NaN when all failed).
        double? evalReturn = _evalReturns.Length > 0 ? MeanOfFinite(_evalReturns) : null;
        bool solvedNow = false;
        if (evalReturn is double e && !double.IsNaN(e))
        {
            FinalEvalReturn = e;
            BestEvalReturn = double.IsNaN(BestEvalReturn) ? e : Math.Max(BestEvalReturn, e);
            if (e >= _solvedThreshold && SolvedGeneration is null)
            {
                SolvedGeneration = generation;
            }

            solvedNow = e >= _solvedThreshold;
        }

        long evaluations = 0;
        int failed = 0;
        double mean = double.NaN, max = double.NaN, min = double.NaN;
        bool stopSolved = solvedNow && _config.Evaluation.StopWhenSolved;
        if (_roundHasPopulation)
        {
            failed = MarkSurvivors(generation, updating: !stopSolved);
            CandidatesFailed += failed;
            evaluations = _rewards.Length;
            var survivors = SurvivingRewards().ToArray();
            if (survivors.Length > 0)
            {
                mean = survivors.Average();
                max = survivors.Max();
                min = survivors.Min();
            }

            if (!stopSolved)
            {
                // A solved θ_g is the result; its update would replace it with an unevaluated θ.
                ApplyUpdate(generation);
            }
        }

        Evaluations += evaluations;
        EnvSteps += _roundSteps;
        IsFinished = !_roundHasPopulation || stopSolved || _stopRequested;
        Interrupted = _stopRequested && !stopSolved && _roundHasPopulation;
        return new GenerationReport(
            generation, _roundHasPopulation && !stopSolved, mean, max, min, evalReturn, evaluations, _roundSteps,
            Math.Sqrt(_theta.Sum(t => (double)t * t)), _observations?.Count ?? 0, failed);
    }

    private static double MeanOfFinite(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }

    private void ApplyUpdate(int generation)
    {
        UpdateOverSurvivors(generation);
        if (_observations is not null)
        {
            foreach (var delta in _deltas)
            {
                if (delta is not null && _survives[delta.CandidateIndex])
                {
                    _observations.Merge(new RunningStat(delta.Count, delta.Mean, delta.M2));
                }
            }
        }

        Generation++;
        RefreshFilter();
    }

    private void AddTasks(List<EvaluationTask> tasks, TaskKind kind, int total, int perTask)
    {
        for (int first = 0; first < total; first += perTask)
        {
            tasks.Add(new EvaluationTask(Generation, kind, first, Math.Min(perTask, total - first)));
        }
    }
}
