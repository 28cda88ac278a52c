using Es.Core.Noise;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Es.Core.Strategies;

/// <summary>
/// Hansen's CMA-ES with a full covariance matrix (arXiv 1604.00772: weighted recombination,
/// cumulative step-size adaptation, rank-one and rank-μ updates). Candidate k of a
/// generation is m + σ·B·(D∘z_k), z_k its own slice of the noise table: a node rebuilds it
/// from m, σ, B and D (<see cref="CovarianceRecipe"/>). B and D come from C's
/// eigendecomposition through MathNet.Numerics, refreshed every
/// <see cref="CmaParameters.EigenInterval"/> generations. A failed candidate ranks last.
/// </summary>
public sealed partial class CmaEs : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "cma-es";

    /// <summary>
    /// The most parameters the full covariance is kept for: C and B are two d×d matrices of
    /// doubles (2 × 32 MiB at this size), every candidate costs d² to rebuild and every
    /// eigendecomposition d³. Larger networks use sep-cma-es.
    /// </summary>
    public const int MaxDimension = 2048;

    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly CmaParameters _p;
    private readonly double[] _mean;
    private readonly double[] _sigmaPath;
    private readonly double[] _covariancePath;
    private readonly double[] _covariance;
    private double[] _basis;
    private double[] _scales;
    private double _sigma;
    private int _eigenGeneration;
    private readonly int[] _order;
    private readonly double[] _selected;
    private readonly double[] _zMean;
    private readonly double[] _yMean;
    private readonly double[] _scratch;

    /// <summary>Creates CMA-ES at m = <paramref name="theta"/>, σ = <paramref name="initialSigma"/>, C = I.</summary>
    /// <exception cref="ArgumentOutOfRangeException">θ has more than <see cref="MaxDimension"/> parameters.</exception>
    public CmaEs(ReadOnlySpan<float> theta, int population, double initialSigma, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(noise);
        int d = theta.Length;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(d, MaxDimension, "parameters");
        Dimension = d;
        Population = population;
        _noise = noise;
        _runSeed = runSeed;
        _p = new CmaParameters(d, population, separable: false);
        _mean = new double[d];
        for (int j = 0; j < d; j++)
        {
            _mean[j] = theta[j];
        }

        _sigma = initialSigma;
        _sigmaPath = new double[d];
        _covariancePath = new double[d];
        _covariance = new double[d * d];
        _basis = new double[d * d];
        _scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            _covariance[(j * d) + j] = 1;
            _basis[(j * d) + j] = 1;
            _scales[j] = 1;
        }

        _order = new int[population];
        _selected = new double[_p.Parents * d];
        _zMean = new double[d];
        _yMean = new double[d];
        _scratch = new double[d];
    }

    /// <inheritdoc/>
    public string Name => StrategyName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public int Population { get; }

    /// <inheritdoc/>
    public bool Paired => false;

    /// <summary>The step size σ.</summary>
    public double Sigma => _sigma;

    /// <summary>The mean m.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>C, row-major.</summary>
    public ReadOnlySpan<double> Covariance => _covariance;

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta) =>
        new CovarianceRecipe([.. _mean], _sigma, _basis, _scales, _noise, _runSeed); // B and D are replaced, never changed in place

    /// <inheritdoc/>
    public void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta)
    {
        int d = Dimension;
        Ranking.BestFirst(rewards, _order);
        Array.Clear(_zMean);
        Array.Clear(_yMean);
        for (int i = 0; i < _p.Parents; i++)
        {
            var z = _noise.Slice(CandidateSeeds.IndependentNoiseOffset(_runSeed, new CandidateName(generation, _order[i]), _noise, d), d);
            var y = _selected.AsSpan(i * d, d);
            for (int j = 0; j < d; j++)
            {
                _scratch[j] = _scales[j] * z[j];
            }

            MultiplyBasis(_scratch, y);
            double w = _p.Weights[i];
            for (int j = 0; j < d; j++)
            {
                _zMean[j] += w * z[j];
                _yMean[j] += w * y[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            _mean[j] += _sigma * _yMean[j];
        }

        // p_σ accumulates C^(-1/2)·y_w = B·z_w.
        MultiplyBasis(_zMean, _scratch);
        double sigmaScale = Math.Sqrt(_p.CSigma * (2 - _p.CSigma) * _p.EffectiveParents);
        double norm = 0;
        for (int j = 0; j < d; j++)
        {
            _sigmaPath[j] = ((1 - _p.CSigma) * _sigmaPath[j]) + (sigmaScale * _scratch[j]);
            norm += _sigmaPath[j] * _sigmaPath[j];
        }

        norm = Math.Sqrt(norm);
        bool h = _p.Heaviside(norm, generation, d);
        double pathScale = (h ? 1 : 0) * Math.Sqrt(_p.CC * (2 - _p.CC) * _p.EffectiveParents);
        for (int j = 0; j < d; j++)
        {
            _covariancePath[j] = ((1 - _p.CC) * _covariancePath[j]) + (pathScale * _yMean[j]);
        }

        UpdateCovariance(h);
        _sigma *= _p.SigmaFactor(norm);
        if (generation + 1 - _eigenGeneration >= _p.EigenInterval)
        {
            Decompose();
            _eigenGeneration = generation + 1;
        }

        for (int j = 0; j < d; j++)
        {
            theta[j] = (float)_mean[j];
        }
    }

    private void UpdateCovariance(bool h)
    {
        int d = Dimension;
        double keep = 1 - _p.C1 - _p.CMu + ((h ? 0 : 1) * _p.C1 * _p.CC * (2 - _p.CC));
        for (int r = 0; r < d; r++)
        {
            for (int c = r; c < d; c++)
            {
                double rankMu = 0;
                for (int i = 0; i < _p.Parents; i++)
                {
                    rankMu += _p.Weights[i] * _selected[(i * d) + r] * _selected[(i * d) + c];
                }

                double value = (keep * _covariance[(r * d) + c]) + (_p.C1 * _covariancePath[r] * _covariancePath[c]) + (_p.CMu * rankMu);
                _covariance[(r * d) + c] = value;
                _covariance[(c * d) + r] = value;
            }
        }
    }

    private void Decompose()
    {
        int d = Dimension;
        var matrix = Matrix<double>.Build.Dense(d, d, (r, c) => _covariance[(r * d) + c]);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        var basis = new double[d * d];
        var scales = new double[d];
        for (int c = 0; c < d; c++)
        {
            // C is positive definite in exact arithmetic; a rounding below zero is clamped.
            scales[c] = Math.Sqrt(Math.Max(evd.EigenValues[c].Real, 1e-300));
            for (int r = 0; r < d; r++)
            {
                basis[(r * d) + c] = evd.EigenVectors[r, c];
            }
        }

        _basis = basis;
        _scales = scales;
    }

    private void MultiplyBasis(ReadOnlySpan<double> x, Span<double> result)
    {
        int d = Dimension;
        for (int r = 0; r < d; r++)
        {
            var row = _basis.AsSpan(r * d, d);
            double sum = 0;
            for (int c = 0; c < d; c++)
            {
                sum += row[c] * x[c];
            }

            result[r] = sum;
        }
    }
}
