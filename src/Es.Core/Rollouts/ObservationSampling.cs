using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Core.Rollouts;

/// <summary>
/// Chooses which candidates' rollouts feed the observation statistics: a pure function
/// of the run seed and the candidate's name, so every node makes the same choice.
/// </summary>
public static class ObservationSampling
{
    /// <summary>True when <paramref name="candidate"/>'s observations are recorded.</summary>
    public static bool Includes(ulong runSeed, CandidateName candidate, double fraction)
    {
        if (fraction <= 0)
        {
            return false;
        }

        var draw = (SeedMixer.Derive(runSeed, 4, candidate.Generation, candidate.Index) >> 11) * (1.0 / (1UL << 53));
        return draw < fraction;
    }
}
