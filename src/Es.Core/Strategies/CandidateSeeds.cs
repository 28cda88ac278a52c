using Es.Core.Noise;
using Es.Core.Randomness;

namespace Es.Core.Strategies;

/// <summary>
/// Every random draw a candidate needs, as a pure function of the run seed and its name:
/// any node, in any order, after any restart, makes the same draw.
/// </summary>
/// <remarks>The first integer of each derivation separates the streams (1 mirrored noise, 2 training episodes, 3 evaluation episodes, 4 unmirrored noise, 5 GA parents).</remarks>
public static class CandidateSeeds
{
    private const long NoiseStream = 1;
    private const long EpisodeStream = 2;
    private const long EvaluationStream = 3;
    private const long IndependentNoiseStream = 4;
    private const long ParentStream = 5;

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
    /// Offset of the candidate's own ε, for strategies that do not mirror (CMA-ES, SNES, the GA):
    /// every candidate of a generation draws its own slice.
    /// </summary>
    public static int IndependentNoiseOffset(ulong runSeed, CandidateName candidate, NoiseTable table, int dimension)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.SampleOffset(SeedMixer.Derive(runSeed, IndependentNoiseStream, candidate.Generation, candidate.Index), dimension);
    }

    /// <summary>Which of <paramref name="parents"/> parents the GA's candidate is a mutation of.</summary>
    public static int ParentIndex(ulong runSeed, CandidateName candidate, int parents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parents);
        return (int)(SeedMixer.Derive(runSeed, ParentStream, candidate.Generation, candidate.Index) % (ulong)parents);
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
