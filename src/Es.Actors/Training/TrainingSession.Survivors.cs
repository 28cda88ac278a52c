using System.Globalization;

namespace Es.Actors.Training;

/// <summary>
/// Failed candidates: a candidate whose reward is NaN or infinite (given up on after every
/// attempt, or broken by its environment) is left out of the update. A mirrored strategy's
/// failed candidate takes its partner, whose ε it shares, with it; the other strategies
/// rank it last. With no failures every candidate survives and the update is bit for bit
/// the usual one.
/// </summary>
public sealed partial class TrainingSession
{
    /// <summary>Candidates that failed in every round so far (not counting partners dropped with them).</summary>
    public long CandidatesFailed { get; private set; }

    /// <summary>Counts the round's failed candidates and marks the survivors; throws when too many failed and θ is to be updated.</summary>
    /// <returns>The number of failed candidates.</returns>
    private int MarkSurvivors(int generation, bool updating)
    {
        int failed = 0;
        int surviving = 0;
        for (int i = 0; i < _rewards.Length; i++)
        {
            failed += double.IsFinite(_rewards[i]) ? 0 : 1;
            int partner = i ^ 1;
            _survives[i] = double.IsFinite(_rewards[i]) && (!_strategy.Paired || double.IsFinite(_rewards[partner]));
            surviving += _survives[i] ? 1 : 0;
        }

        double limit = _config.Supervision.MaxFailedFraction;
        if (updating && (failed > limit * _rewards.Length || surviving == 0))
        {
            var names = Enumerable.Range(0, _rewards.Length).Where(i => !double.IsFinite(_rewards[i])).Take(8).Select(i => $"g{generation}/c{i}");
            var c = CultureInfo.InvariantCulture;
            throw new GenerationFailedException(
                $"generation {generation}: {failed} of {_rewards.Length} candidates failed ({((double)failed / _rewards.Length).ToString("P1", c)}), " +
                $"more than supervision.max_failed_fraction ({limit.ToString("P1", c)}); stopping instead of learning from garbage " +
                $"(failed: {string.Join(", ", names)}{(failed > 8 ? ", ..." : string.Empty)})");
        }

        return failed;
    }

    /// <summary>Rewards of the surviving candidates, for the round's statistics.</summary>
    private IEnumerable<double> SurvivingRewards() =>
        Enumerable.Range(0, _rewards.Length).Where(i => _survives[i]).Select(i => _rewards[i]);

    /// <summary>Tells the strategy the round's rewards; it leaves the failed ones out itself.</summary>
    private void UpdateOverSurvivors(int generation) => _strategy.Tell(generation, _rewards, _theta);
}
