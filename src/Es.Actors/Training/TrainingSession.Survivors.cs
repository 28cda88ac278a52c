using System.Globalization;
using Es.Core.Strategies;

namespace Es.Actors.Training;

/// <summary>
/// Failed candidates: a candidate whose reward is NaN or infinite (given up on after every
/// attempt, or broken by its environment) is dropped with its antithetic partner, whose
/// ε it shares, and the update is computed over the surviving pairs. With no failures the
/// survivors are the whole population and the update is bit for bit the usual one.
/// </summary>
public sealed partial class TrainingSession
{
    /// <summary>Candidates that failed in every round so far (not counting partners dropped with them).</summary>
    public long CandidatesFailed { get; private set; }

    /// <summary>Counts the round's failed candidates and marks the surviving pairs; throws when too many failed and θ is to be updated.</summary>
    /// <returns>The number of failed candidates.</returns>
    private int MarkSurvivors(int generation, bool updating)
    {
        int failed = 0;
        int survivingPairs = 0;
        for (int pair = 0; pair < _survives.Length; pair++)
        {
            bool first = double.IsFinite(_rewards[2 * pair]);
            bool second = double.IsFinite(_rewards[(2 * pair) + 1]);
            failed += (first ? 0 : 1) + (second ? 0 : 1);
            _survives[pair] = first && second;
            survivingPairs += _survives[pair] ? 1 : 0;
        }

        double limit = _config.Supervision.MaxFailedFraction;
        if (updating && (failed > limit * _rewards.Length || survivingPairs == 0))
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
        Enumerable.Range(0, _rewards.Length).Where(i => _survives[i / 2]).Select(i => _rewards[i]);

    /// <summary>Steps θ over the surviving pairs, compacted in index order.</summary>
    private void UpdateOverSurvivors(int generation)
    {
        int pairs = 0;
        for (int pair = 0; pair < _survives.Length; pair++)
        {
            if (!_survives[pair])
            {
                continue;
            }

            _survivorRewards[2 * pairs] = _rewards[2 * pair];
            _survivorRewards[(2 * pairs) + 1] = _rewards[(2 * pair) + 1];
            _pairOffsets[pairs] = CandidateSeeds.NoiseOffset(_config.Seed, new CandidateName(generation, 2 * pair), _noise, _theta.Length);
            pairs++;
        }

        _strategy.Update(_theta, _optimizer, _survivorRewards.AsSpan(0, 2 * pairs), _pairOffsets.AsSpan(0, pairs));
    }
}
