namespace Es.Core.Strategies;

/// <summary>
/// Names a candidate of a generation. Candidates come in antithetic pairs: index 2k
/// evaluates θ + σε_k and index 2k + 1 evaluates θ − σε_k, with the same noise offset.
/// </summary>
/// <param name="Generation">The generation, from 0.</param>
/// <param name="Index">The candidate's index in the population, from 0.</param>
public readonly record struct CandidateName(int Generation, int Index)
{
    /// <summary>The antithetic pair k the candidate belongs to.</summary>
    public int PairIndex => Index / 2;

    /// <summary>+1 for the positive member of the pair (even index), −1 for the negative one.</summary>
    public int Sign => Index % 2 == 0 ? +1 : -1;
}
