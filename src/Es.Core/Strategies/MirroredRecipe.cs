using Es.Core.Noise;
using Es.Core.Rollouts;

namespace Es.Core.Strategies;

/// <summary>
/// Candidates θ + σε_k (even index) and θ − σε_k (odd index), ε_k the pair's slice of the
/// noise table: OpenAI-ES and ARS.
/// </summary>
public sealed class MirroredRecipe : CandidateRecipe
{
    private readonly float[] _theta;
    private readonly float _sigma;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;

    /// <summary>Creates the recipe around a frozen <paramref name="theta"/>.</summary>
    public MirroredRecipe(float[] theta, float sigma, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(noise);
        _theta = theta;
        _sigma = sigma;
        _noise = noise;
        _runSeed = runSeed;
    }

    /// <inheritdoc/>
    public override int Dimension => _theta.Length;

    /// <inheritdoc/>
    public override void Build(CandidateName candidate, Span<float> parameters)
    {
        CheckLength(parameters);
        int offset = CandidateSeeds.NoiseOffset(_runSeed, candidate, _noise, _theta.Length);

        // The very operation (and float scale) the evaluator applied before strategies had
        // recipes, so OpenAI-ES candidates keep their bits.
        CandidateEvaluator.Perturb(_theta, _noise.Slice(offset, _theta.Length), candidate.Sign * _sigma, parameters);
    }
}
