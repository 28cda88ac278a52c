using System.Buffers;
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// CMA-ES candidates x = m + σ·B·(D ∘ z), z the candidate's own slice of the noise table:
/// each node rebuilds them from the m, σ, B and D its replica holds.
/// </summary>
public sealed class CovarianceRecipe : CandidateRecipe
{
    private readonly double[] _mean;
    private readonly double _sigma;
    private readonly double[] _basis;
    private readonly double[] _scales;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;

    /// <summary>Creates the recipe; the arrays are kept, not copied, and must not change afterwards.</summary>
    /// <param name="mean">m.</param>
    /// <param name="sigma">σ.</param>
    /// <param name="basis">B, the eigenvectors of C as columns, row-major d×d.</param>
    /// <param name="scales">D, the square roots of C's eigenvalues.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="runSeed">The run seed.</param>
    public CovarianceRecipe(double[] mean, double sigma, double[] basis, double[] scales, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(noise);
        if (basis.Length != mean.Length * mean.Length || scales.Length != mean.Length)
        {
            throw new ArgumentException($"Expected a {mean.Length}×{mean.Length} basis and {mean.Length} scales.", nameof(basis));
        }

        _mean = mean;
        _sigma = sigma;
        _basis = basis;
        _scales = scales;
        _noise = noise;
        _runSeed = runSeed;
    }

    /// <inheritdoc/>
    public override int Dimension => _mean.Length;

    /// <inheritdoc/>
    public override void Build(CandidateName candidate, Span<float> parameters)
    {
        CheckLength(parameters);
        int d = _mean.Length;
        var z = _noise.Slice(CandidateSeeds.IndependentNoiseOffset(_runSeed, candidate, _noise, d), d);
        var rented = ArrayPool<double>.Shared.Rent(d);
        try
        {
            var scaled = rented.AsSpan(0, d);
            for (int j = 0; j < d; j++)
            {
                scaled[j] = _scales[j] * z[j];
            }

            for (int i = 0; i < d; i++)
            {
                var row = _basis.AsSpan(i * d, d);
                double sum = 0;
                for (int j = 0; j < d; j++)
                {
                    sum += row[j] * scaled[j];
                }

                parameters[i] = (float)(_mean[i] + (_sigma * sum));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
