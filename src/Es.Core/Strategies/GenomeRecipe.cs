using Es.Core.Noise;
using Es.Core.Rollouts;

namespace Es.Core.Strategies;

/// <summary>
/// The GA's candidates: index 0 is the elite (the best parent, unchanged); every other
/// index is a parent drawn from the run seed and the name, plus σε with the candidate's own
/// noise slice. A genome is its list of noise offsets, so the name is all it takes.
/// </summary>
public sealed class GenomeRecipe : CandidateRecipe
{
    private readonly float[][] _parents;
    private readonly float _sigma;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;

    /// <summary>Creates the recipe over the parents' parameters (best first; kept, not copied).</summary>
    public GenomeRecipe(float[][] parents, float sigma, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(noise);
        if (parents.Length == 0)
        {
            throw new ArgumentException("Expected at least one parent.", nameof(parents));
        }

        _parents = parents;
        _sigma = sigma;
        _noise = noise;
        _runSeed = runSeed;
    }

    /// <inheritdoc/>
    public override int Dimension => _parents[0].Length;

    /// <summary>The parent of <paramref name="candidate"/> (0, the elite, for index 0).</summary>
    public static int Parent(ulong runSeed, CandidateName candidate, int parents) =>
        candidate.Index == 0 ? 0 : CandidateSeeds.ParentIndex(runSeed, candidate, parents);

    /// <summary>The noise offset of <paramref name="candidate"/>'s mutation.</summary>
    public static int MutationOffset(ulong runSeed, CandidateName candidate, NoiseTable noise, int dimension) =>
        CandidateSeeds.IndependentNoiseOffset(runSeed, candidate, noise, dimension);

    /// <inheritdoc/>
    public override void Build(CandidateName candidate, Span<float> parameters)
    {
        CheckLength(parameters);
        var parent = _parents[Parent(_runSeed, candidate, _parents.Length)];
        if (candidate.Index == 0)
        {
            parent.CopyTo(parameters);
            return;
        }

        int offset = MutationOffset(_runSeed, candidate, _noise, parent.Length);
        CandidateEvaluator.Perturb(parent, _noise.Slice(offset, parent.Length), _sigma, parameters);
    }
}
