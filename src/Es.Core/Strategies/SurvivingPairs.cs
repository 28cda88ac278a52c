using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// The mirrored pairs whose two members both returned a finite reward, compacted in index
/// order with their noise offsets: what the pair-based updates (OpenAI-ES, PGPE, ARS) run
/// over. With no failures they are the whole population, so the update is the usual one.
/// </summary>
public sealed class SurvivingPairs
{
    private readonly double[] _rewards;
    private readonly int[] _offsets;

    /// <summary>Sizes the buffers for a population of <paramref name="population"/>.</summary>
    public SurvivingPairs(int population)
    {
        _rewards = new double[population];
        _offsets = new int[population / 2];
    }

    /// <summary>Compacts the surviving pairs of a generation; returns how many there are.</summary>
    public int Compact(ReadOnlySpan<double> rewards, int generation, NoiseTable noise, ulong runSeed, int dimension)
    {
        if (rewards.Length != _rewards.Length)
        {
            throw new ArgumentException($"Expected {_rewards.Length} rewards, got {rewards.Length}.", nameof(rewards));
        }

        int pairs = 0;
        for (int pair = 0; pair < _offsets.Length; pair++)
        {
            if (!double.IsFinite(rewards[2 * pair]) || !double.IsFinite(rewards[(2 * pair) + 1]))
            {
                continue;
            }

            _rewards[2 * pairs] = rewards[2 * pair];
            _rewards[(2 * pairs) + 1] = rewards[(2 * pair) + 1];
            _offsets[pairs] = CandidateSeeds.NoiseOffset(runSeed, new CandidateName(generation, 2 * pair), noise, dimension);
            pairs++;
        }

        if (pairs == 0)
        {
            throw new InvalidOperationException($"Generation {generation} has no surviving pair to learn from.");
        }

        return pairs;
    }

    /// <summary>The surviving rewards (2 per pair, in index order).</summary>
    public ReadOnlySpan<double> Rewards(int pairs) => _rewards.AsSpan(0, 2 * pairs);

    /// <summary>The surviving pairs' noise offsets.</summary>
    public ReadOnlySpan<int> Offsets(int pairs) => _offsets.AsSpan(0, pairs);
}
