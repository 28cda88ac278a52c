using Es.Core.Noise;
using Es.Core.Randomness;

namespace Es.Core.Strategies;

/// <summary>
/// Every random draw a candidate needs, as a pure function of the run seed and its name:
/// any node, in any order, after any restart, makes the same draw.
/// </summary>
/// <remarks>The first integer of each derivation separates the streams (1 noise, 2 training episodes, 3 evaluation episodes).</remarks>
public static class CandidateSeeds
{
    private const long NoiseStream = 1;
    private const long EpisodeStream = 2;
    private const long EvaluationStream = 3;

    /// <summary>
    /// Offset of the candidate's ε (of <paramref name="dimension"/> values) in the table.
    /// Both members of a pair get the same offset.
    /// </summary>
    public static int NoiseOffset(ulong runSeed, CandidateName candidate, NoiseTable table, int dimension)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.SampleOffset(SeedMixer.Derive(runSeed, NoiseStream, candidate.Generation, candidate.PairIndex), dimension);
    }

    /// <summary>
    /// Seed of the candidate's training episode <paramref name="episode"/>. Both members of a
    /// pair share it (common random numbers), so their reward difference reflects ε, not luck.
    /// </summary>
    public static ulong EpisodeSeed(ulong runSeed, CandidateName candidate, int episode) =>
        SeedMixer.Derive(runSeed, EpisodeStream, candidate.Generation, candidate.PairIndex, episode);

    /// <summary>Seed of evaluation episode <paramref name="episode"/> of the unperturbed θ after <paramref name="generation"/>.</summary>
    public static ulong EvaluationEpisodeSeed(ulong runSeed, int generation, int episode) =>
        SeedMixer.Derive(runSeed, EvaluationStream, generation, episode);
}
