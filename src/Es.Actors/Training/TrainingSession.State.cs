using Es.Actors.Fabric;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Actors.Training;

/// <summary>Event sourcing: the record of each round, snapshots, restore and replay.</summary>
public sealed partial class TrainingSession
{
    /// <summary>The record of the round just completed (what the journal stores).</summary>
    public GenerationRecord? LastRecord { get; private set; }

    /// <summary>The session's full state; only between rounds.</summary>
    public SessionSnapshot Export()
    {
        if (RoundInProgress)
        {
            throw new InvalidOperationException($"Generation {Generation} is still being scored.");
        }

        return ExportRoundStart();
    }

    /// <summary>
    /// The state at the start of the round in progress, or between rounds: θ, the optimizer and
    /// the observation statistics change only when a round completes, so a node that joins
    /// mid-round gets the θ the round's tasks are scored with.
    /// </summary>
    public SessionSnapshot ExportRoundStart()
    {
        return new SessionSnapshot(
            Generation,
            [.. _theta],
            _optimizer.Export(),
            _observations?.Count ?? 0,
            _observations is null ? [] : [.. _observations.Mean],
            _observations is null ? [] : [.. _observations.M2],
            FinalEvalReturn,
            BestEvalReturn,
            SolvedGeneration,
            Evaluations,
            EnvSteps,
            _noise.Fingerprint,
            CandidatesFailed,
            _strategy.Export());
    }

    /// <summary>Replaces a fresh session's state with <paramref name="snapshot"/>.</summary>
    /// <exception cref="InvalidDataException">The snapshot does not fit this configuration or noise table.</exception>
    public void Restore(SessionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (RoundInProgress || LastRecord is not null)
        {
            throw new InvalidOperationException("Only a fresh session can be restored.");
        }

        if (snapshot.Theta.Length != _theta.Length)
        {
            throw new InvalidDataException($"snapshot θ has {snapshot.Theta.Length} parameters, the configuration {_theta.Length}");
        }

        if (snapshot.NoiseFingerprint != _noise.Fingerprint)
        {
            throw new InvalidDataException("snapshot was taken with a different noise table (noise.table_size or noise.seed changed)");
        }

        if ((_observations is null) != (snapshot.ObservationMean.Length == 0) || (_observations is not null && snapshot.ObservationMean.Length != _observations.Dimension))
        {
            throw new InvalidDataException("snapshot observation statistics do not fit the configuration");
        }

        var optimizer = _optimizer.Export();
        if (snapshot.Optimizer.Name != optimizer.Name || snapshot.Optimizer.StepCount < 0
            || snapshot.Optimizer.Moments.Length != optimizer.Moments.Length || snapshot.Optimizer.Moments.Any(m => m.Length != _theta.Length))
        {
            throw new InvalidDataException($"snapshot optimizer state ({snapshot.Optimizer.Name}) does not fit the configuration's ({optimizer.Name})");
        }

        // A first-format snapshot has no strategy state: it can only be OpenAI-ES's, whose is empty.
        var strategy = snapshot.Strategy ?? (_strategy.Name == OpenAiEsStrategy.StrategyName
            ? StrategyState.Empty(OpenAiEsStrategy.StrategyName)
            : throw new InvalidDataException($"snapshot is of the first format, written when openai-es was the only strategy; the configuration's strategy is {_strategy.Name}"));

        // Checks the state before it takes any of it; the last step that can fail.
        _strategy.Import(strategy, snapshot.Theta);

        // Everything is checked above: from here on nothing can fail half-way.
        snapshot.Theta.CopyTo(_theta, 0);
        _optimizer.Import(snapshot.Optimizer);
        _observations?.CopyFrom(new RunningStat(snapshot.ObservationCount, snapshot.ObservationMean, snapshot.ObservationM2));
        Generation = snapshot.Generation;
        FinalEvalReturn = snapshot.FinalEvalReturn;
        BestEvalReturn = snapshot.BestEvalReturn;
        SolvedGeneration = snapshot.SolvedGeneration;
        Evaluations = snapshot.Evaluations;
        EnvSteps = snapshot.EnvSteps;
        CandidatesFailed = snapshot.CandidatesFailed;
        RefreshFilter();
        // A run that stopped when solved was snapshotted at the solved θ, without the update:
        // restored, it is still finished (a crash before the run's end was written must not
        // train it further). Interrupted runs and runs short of their final evaluation go on.
        IsFinished = _config.Evaluation.StopWhenSolved && SolvedGeneration == Generation;
    }

    /// <summary>Applies a journaled round exactly as it was applied live.</summary>
    /// <exception cref="InvalidDataException">The record is not the next round or does not fit the configuration; the session is left unchanged.</exception>
    public GenerationReport Replay(GenerationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckReplayable(record);

        // Everything is checked above: from here on nothing can fail half-way.
        _roundHasPopulation = record.HasPopulation;
        Array.Clear(_deltas);
        if (record.HasPopulation)
        {
            record.Rewards.CopyTo(_rewards, 0);
            foreach (var delta in record.Observations)
            {
                _deltas[delta.CandidateIndex] = delta;
            }
        }

        _evalReturns = [.. record.EvalReturns];
        _evalScored = new bool[_evalReturns.Length];
        _roundSteps = record.Steps;
        _pending = 0;
        return CompleteRound();
    }

    /// <summary>
    /// Checks the whole record before any of it is applied: a record that fails half-way
    /// would leave θ updated without the observation statistics (or the statistics of the
    /// refused record behind), and a replica that goes on from there silently diverges.
    /// The rules are those <see cref="Record"/> applies to live results, so every record
    /// this session wrote passes them.
    /// </summary>
    private void CheckReplayable(GenerationRecord record)
    {
        if (record.Generation != Generation || IsFinished || RoundInProgress)
        {
            throw new InvalidDataException($"journal record for generation {record.Generation} cannot follow generation {Generation}");
        }

        string what = $"journal record for generation {record.Generation}";
        int population = record.HasPopulation ? _rewards.Length : 0;
        if (record.Rewards.Length != population)
        {
            throw new InvalidDataException($"{what} has {record.Rewards.Length} rewards, the population is {population}");
        }

        if (record.Steps < 0)
        {
            throw new InvalidDataException($"{what} has {record.Steps} environment steps");
        }

        // In strictly increasing index order, as the session writes them: a repeated index
        // would be merged once where the live run merged it once per result.
        int previous = -1;
        foreach (var delta in record.Observations)
        {
            if (delta.CandidateIndex <= previous || delta.CandidateIndex >= population)
            {
                throw new InvalidDataException($"{what} has an observation delta for candidate {delta.CandidateIndex} after {previous}; the population is {population}");
            }

            if (delta.Count < 0 || delta.Mean.Length != (_observations?.Dimension ?? -1) || delta.M2.Length != delta.Mean.Length)
            {
                throw new InvalidDataException($"{what} has an observation delta for candidate {delta.CandidateIndex} that does not fit the observation statistics");
            }

            previous = delta.CandidateIndex;
        }
    }

    private GenerationRecord CurrentRecord()
    {
        ObservationDelta[] observations = _roundHasPopulation ? [.. _deltas.Where(d => d is not null).Select(d => d!)] : [];
        return new GenerationRecord(
            Generation,
            _roundHasPopulation,
            _roundHasPopulation ? [.. _rewards] : [],
            observations,
            [.. _evalReturns],
            _roundSteps);
    }

    /// <summary>θ_0 is scored unnormalised; from the first update on, the filter follows the statistics.</summary>
    private void RefreshFilter()
    {
        if (_observations is not null && Generation > 0)
        {
            Filter = ObservationFilter.FromStat(_observations);
        }
    }
}
