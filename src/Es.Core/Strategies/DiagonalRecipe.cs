using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// Candidates centre + scale ∘ z with a per-parameter scale: PGPE (mirrored: ± z_k for
/// the pair k), SNES and sep-CMA-ES (every candidate its own z).
/// </summary>
public sealed class DiagonalRecipe : CandidateRecipe
{
    private readonly float[] _center;
    private readonly float[] _scale;
    private readonly bool _mirrored;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;

    /// <summary>Creates the recipe; the arrays are kept, not copied, and must not change afterwards.</summary>
    public DiagonalRecipe(float[] center, float[] scale, bool mirrored, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(noise);
        if (scale.Length != center.Length)
        {
            throw new ArgumentException($"Expected {center.Length} scales, got {scale.Length}.", nameof(scale));
        }

        _center = center;
        _scale = scale;
        _mirrored = mirrored;
        _noise = noise;
        _runSeed = runSeed;
    }

    /// <inheritdoc/>
    public override int Dimension => _center.Length;

    /// <summary>The noise offset of <paramref name="candidate"/>'s z.</summary>
    public static int Offset(bool mirrored, ulong runSeed, CandidateName candidate, NoiseTable noise, int dimension) => mirrored
        ? CandidateSeeds.NoiseOffset(runSeed, candidate, noise, dimension)
        : CandidateSeeds.IndependentNoiseOffset(runSeed, candidate, noise, dimension);

    /// <inheritdoc/>
    public override void Build(CandidateName candidate, Span<float> parameters)
    {
        CheckLength(parameters);
        var z = _noise.Slice(Offset(_mirrored, _runSeed, candidate, _noise, _center.Length), _center.Length);
        float sign = _mirrored ? candidate.Sign : 1f;
        for (int j = 0; j < parameters.Length; j++)
        {
            parameters[j] = _center[j] + (sign * _scale[j] * z[j]);
        }
    }
}
