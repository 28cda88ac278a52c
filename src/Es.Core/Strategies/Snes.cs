using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// Separable natural ES (Schaul, Glasmachers and Schmidhuber 2011; Wierstra et al. 2014,
/// Algorithm 6): candidates μ + σ∘z_k, each its own z; rank-based utilities
/// u_k = max(0, ln(λ/2 + 1) − ln k) / Σ − 1/λ (k = 1 the best); then
/// μ ← μ + η_μ·σ∘Σ u_k z_k and σ ← σ∘exp(η_σ/2·Σ u_k (z_k² − 1)).
/// A failed candidate ranks last.
/// </summary>
public sealed class Snes : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "snes";

    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly double _centerLearningRate;
    private readonly double _stdevLearningRate;
    private readonly double[] _mean;
    private readonly double[] _sigma;
    private readonly double[] _utilities;
    private readonly int[] _order;
    private readonly double[] _meanStep;
    private readonly double[] _sigmaStep;

    /// <summary>Creates SNES at μ = <paramref name="theta"/>, every σ_j = <paramref name="initialSigma"/>.</summary>
    /// <param name="theta">θ₀.</param>
    /// <param name="population">λ.</param>
    /// <param name="initialSigma">σ₀.</param>
    /// <param name="centerLearningRate">η_μ (the paper's 1).</param>
    /// <param name="stdevLearningRate">η_σ; 0 = the paper's (3 + ln d)/(5√d).</param>
    /// <param name="noise">The noise table.</param>
    /// <param name="runSeed">The run seed.</param>
    public Snes(ReadOnlySpan<float> theta, int population, double initialSigma, double centerLearningRate, double stdevLearningRate, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 2);
        int d = theta.Length;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        Dimension = d;
        Population = population;
        _noise = noise;
        _runSeed = runSeed;
        _centerLearningRate = centerLearningRate;
        _stdevLearningRate = stdevLearningRate > 0 ? stdevLearningRate : (3 + Randomness.DeterministicMath.Log(d)) / (5 * Math.Sqrt(d));
        _mean = new double[d];
        for (int j = 0; j < d; j++)
        {
            _mean[j] = theta[j];
        }

        _sigma = new double[d];
        Array.Fill(_sigma, initialSigma);
        _utilities = Utilities(population);
        _order = new int[population];
        _meanStep = new double[d];
        _sigmaStep = new double[d];
    }

    /// <inheritdoc/>
    public string Name => StrategyName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public int Population { get; }

    /// <inheritdoc/>
    public bool Paired => false;

    /// <summary>The per-parameter σ.</summary>
    public ReadOnlySpan<double> Sigma => _sigma;

    /// <summary>The utility of rank k (0 = best) for a population of λ, summing to 0.</summary>
    public static double[] Utilities(int population)
    {
        var u = new double[population];
        double total = 0;
        double top = Randomness.DeterministicMath.Log((population / 2.0) + 1);
        for (int k = 0; k < population; k++)
        {
            u[k] = Math.Max(0, top - Randomness.DeterministicMath.Log(k + 1));
            total += u[k];
        }

        for (int k = 0; k < population; k++)
        {
            u[k] = (u[k] / total) - (1.0 / population);
        }

        return u;
    }

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta) =>
        new DiagonalRecipe([.. _mean.Select(m => (float)m)], [.. _sigma.Select(s => (float)s)], mirrored: false, _noise, _runSeed);

    /// <inheritdoc/>
    public void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta)
    {
        Ranking.BestFirst(rewards, _order);
        Array.Clear(_meanStep);
        Array.Clear(_sigmaStep);
        for (int rank = 0; rank < Population; rank++)
        {
            double u = _utilities[rank];
            var z = _noise.Slice(CandidateSeeds.IndependentNoiseOffset(_runSeed, new CandidateName(generation, _order[rank]), _noise, Dimension), Dimension);
            for (int j = 0; j < Dimension; j++)
            {
                _meanStep[j] += u * z[j];
                _sigmaStep[j] += u * (((double)z[j] * z[j]) - 1.0);
            }
        }

        for (int j = 0; j < Dimension; j++)
        {
            _mean[j] += _centerLearningRate * _sigma[j] * _meanStep[j];
            _sigma[j] *= StepSizeMath.Exp(_stdevLearningRate / 2 * _sigmaStep[j]);
            theta[j] = (float)_mean[j];
        }
    }

    /// <inheritdoc/>
    public StrategyState Export() => new(Name, [[.. _mean], [.. _sigma]], []);

    /// <inheritdoc/>
    public void Import(StrategyState state, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(Name, [Dimension, Dimension], 0);
        if (state.Reals[1].Any(s => !(s > 0) || !double.IsFinite(s)) || state.Reals[0].Any(m => !double.IsFinite(m)))
        {
            throw new InvalidDataException("snapshot snes state has a mean that is not finite or a σ that is not positive");
        }

        state.Reals[0].CopyTo(_mean, 0);
        state.Reals[1].CopyTo(_sigma, 0);
    }
}
