using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// Separable CMA-ES (Ros and Hansen 2008): CMA-ES with a diagonal covariance, so memory and
/// time per candidate are linear in d and large networks fit. Candidate k is
/// m + σ·D∘z_k with D = √diag(C); the learning rates c₁ and c_μ are scaled by (d + 2)/3.
/// A failed candidate ranks last.
/// </summary>
public sealed class SepCmaEs : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "sep-cma-es";

    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly CmaParameters _p;
    private readonly double[] _mean;
    private readonly double[] _sigmaPath;
    private readonly double[] _covariancePath;
    private readonly double[] _variances;
    private double _sigma;
    private readonly int[] _order;
    private readonly double[] _zMean;
    private readonly double[] _yMean;
    private readonly double[] _rankMu;

    /// <summary>Creates sep-CMA-ES at m = <paramref name="theta"/>, σ = <paramref name="initialSigma"/>, C = I.</summary>
    public SepCmaEs(ReadOnlySpan<float> theta, int population, double initialSigma, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(noise);
        int d = theta.Length;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        Dimension = d;
        Population = population;
        _noise = noise;
        _runSeed = runSeed;
        _p = new CmaParameters(d, population, separable: true);
        _mean = new double[d];
        for (int j = 0; j < d; j++)
        {
            _mean[j] = theta[j];
        }

        _sigma = initialSigma;
        _sigmaPath = new double[d];
        _covariancePath = new double[d];
        _variances = new double[d];
        Array.Fill(_variances, 1.0);
        _order = new int[population];
        _zMean = new double[d];
        _yMean = new double[d];
        _rankMu = new double[d];
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

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta)
    {
        var center = new float[Dimension];
        var scale = new float[Dimension];
        for (int j = 0; j < Dimension; j++)
        {
            center[j] = (float)_mean[j];
            scale[j] = (float)(_sigma * Math.Sqrt(_variances[j]));
        }

        return new DiagonalRecipe(center, scale, mirrored: false, _noise, _runSeed);
    }

    /// <inheritdoc/>
    public void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta)
    {
        int d = Dimension;
        Ranking.BestFirst(rewards, _order);
        Array.Clear(_zMean);
        Array.Clear(_yMean);
        Array.Clear(_rankMu);
        for (int i = 0; i < _p.Parents; i++)
        {
            var z = _noise.Slice(CandidateSeeds.IndependentNoiseOffset(_runSeed, new CandidateName(generation, _order[i]), _noise, d), d);
            double w = _p.Weights[i];
            for (int j = 0; j < d; j++)
            {
                double y = Math.Sqrt(_variances[j]) * z[j];
                _zMean[j] += w * z[j];
                _yMean[j] += w * y;
                _rankMu[j] += w * y * y;
            }
        }

        double sigmaScale = Math.Sqrt(_p.CSigma * (2 - _p.CSigma) * _p.EffectiveParents);
        double norm = 0;
        for (int j = 0; j < d; j++)
        {
            _mean[j] += _sigma * _yMean[j];
            _sigmaPath[j] = ((1 - _p.CSigma) * _sigmaPath[j]) + (sigmaScale * _zMean[j]);
            norm += _sigmaPath[j] * _sigmaPath[j];
        }

        norm = Math.Sqrt(norm);
        bool h = _p.Heaviside(norm, generation, d);
        double pathScale = (h ? 1 : 0) * Math.Sqrt(_p.CC * (2 - _p.CC) * _p.EffectiveParents);
        double keep = 1 - _p.C1 - _p.CMu + ((h ? 0 : 1) * _p.C1 * _p.CC * (2 - _p.CC));
        for (int j = 0; j < d; j++)
        {
            _covariancePath[j] = ((1 - _p.CC) * _covariancePath[j]) + (pathScale * _yMean[j]);
            _variances[j] = (keep * _variances[j]) + (_p.C1 * _covariancePath[j] * _covariancePath[j]) + (_p.CMu * _rankMu[j]);
            theta[j] = (float)_mean[j];
        }

        _sigma *= _p.SigmaFactor(norm);
    }

    /// <inheritdoc/>
    public StrategyState Export() => new(Name, [[.. _mean], [_sigma], [.. _sigmaPath], [.. _covariancePath], [.. _variances]], []);

    /// <inheritdoc/>
    public void Import(StrategyState state, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(state);
        int d = Dimension;
        state.Expect(Name, [d, 1, d, d, d], 0);
        if (state.Reals.Any(part => part.Any(v => !double.IsFinite(v))) || !(state.Reals[1][0] > 0) || state.Reals[4].Any(v => !(v > 0)))
        {
            throw new InvalidDataException("snapshot sep-cma-es state has a value that is not finite or a σ or variance that is not positive");
        }

        state.Reals[0].CopyTo(_mean, 0);
        _sigma = state.Reals[1][0];
        state.Reals[2].CopyTo(_sigmaPath, 0);
        state.Reals[3].CopyTo(_covariancePath, 0);
        state.Reals[4].CopyTo(_variances, 0);
    }
}
