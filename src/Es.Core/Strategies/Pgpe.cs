using Es.Core.Noise;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// PGPE (Sehnke et al. 2010) with symmetric sampling: candidates μ ± σ∘z_k, per-parameter σ.
/// With shaped rewards u (centered ranks by default, as in EvoTorch), per pair k
/// the centre gradient is Σ_k (u₊ − u₋)/2 · σ∘z_k / K, stepped by the session's optimizer
/// (ClipUp, Adam or SGD), and the σ gradient Σ_k ((u₊ + u₋)/2 − b)·σ∘(z_k² − 1) / K with b
/// the mean shaped reward, applied as σ += η_σ·∇σ with each σ_j kept within a factor
/// (1 ± max change) of its value (Toklu et al. 2020's bound).
/// </summary>
public sealed class Pgpe : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "pgpe";

    /// <summary>η_σ when the configuration leaves it at 0 (Sehnke et al.'s and EvoTorch's 0.1).</summary>
    public const double DefaultStdevLearningRate = 0.1;

    private readonly IOptimizer _optimizer;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly FitnessShaping _shaping;
    private readonly double _stdevLearningRate;
    private readonly double _stdevMaxChange;
    private readonly float[] _sigma;
    private readonly SurvivingPairs _survivors;
    private readonly float[] _shaped;
    private readonly float[] _weights;
    private readonly float[] _gradient;
    private readonly double[] _sigmaGradient;

    /// <summary>Creates PGPE with every σ_j = <paramref name="initialSigma"/>.</summary>
    public Pgpe(int dimension, int population, double initialSigma, FitnessShaping shaping, double stdevLearningRate, double stdevMaxChange, IOptimizer optimizer, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 2);
        Dimension = dimension;
        Population = population;
        _optimizer = optimizer;
        _noise = noise;
        _runSeed = runSeed;
        _shaping = shaping;
        _stdevLearningRate = stdevLearningRate > 0 ? stdevLearningRate : DefaultStdevLearningRate;
        _stdevMaxChange = stdevMaxChange;
        _sigma = new float[dimension];
        Array.Fill(_sigma, (float)initialSigma);
        _survivors = new SurvivingPairs(population);
        _shaped = new float[population];
        _weights = new float[population / 2];
        _gradient = new float[dimension];
        _sigmaGradient = new double[dimension];
    }

    /// <inheritdoc/>
    public string Name => StrategyName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public int Population { get; }

    /// <inheritdoc/>
    public bool Paired => true;

    /// <summary>The per-parameter σ.</summary>
    public ReadOnlySpan<float> Sigma => _sigma;

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta) => new DiagonalRecipe(theta, [.. _sigma], mirrored: true, _noise, _runSeed);

    /// <inheritdoc/>
    public void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta)
    {
        int pairs = _survivors.Compact(rewards, generation, _noise, _runSeed, Dimension);
        var offsets = _survivors.Offsets(pairs);
        var shaped = _shaped.AsSpan(0, 2 * pairs);
        Shaper.Apply(_shaping, _survivors.Rewards(pairs), shaped);
        double baseline = 0;
        foreach (float u in shaped)
        {
            baseline += u;
        }

        baseline /= shaped.Length;
        _sigmaGradient.AsSpan().Clear();
        for (int k = 0; k < pairs; k++)
        {
            _weights[k] = (shaped[2 * k] - shaped[(2 * k) + 1]) / (2f * pairs);
            double average = ((shaped[2 * k] + shaped[(2 * k) + 1]) / 2.0) - baseline;
            var z = _noise.Slice(offsets[k], Dimension);
            for (int j = 0; j < Dimension; j++)
            {
                _sigmaGradient[j] += average * (((double)z[j] * z[j]) - 1.0);
            }
        }

        // Centre: ascent along Σ w_k σ∘z_k, handed to the optimizer as a loss gradient.
        GradientEstimator.Accumulate(_noise, offsets, _weights.AsSpan(0, pairs), _gradient);
        for (int j = 0; j < Dimension; j++)
        {
            _gradient[j] = -(_gradient[j] * _sigma[j]);
        }

        _optimizer.Step(theta, _gradient);
        for (int j = 0; j < Dimension; j++)
        {
            double sigma = _sigma[j];
            double updated = sigma + (_stdevLearningRate * sigma * _sigmaGradient[j] / pairs);
            updated = Math.Clamp(updated, sigma * (1 - _stdevMaxChange), sigma * (1 + _stdevMaxChange));
            _sigma[j] = (float)updated;
        }
    }

    /// <inheritdoc/>
    public StrategyState Export() => new(Name, [[.. _sigma.Select(s => (double)s)]], []);

    /// <inheritdoc/>
    public void Import(StrategyState state, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(Name, [Dimension], 0);
        if (state.Reals[0].Any(s => !(s > 0) || !double.IsFinite(s)))
        {
            throw new InvalidDataException("snapshot pgpe state has a σ that is not positive and finite");
        }

        for (int j = 0; j < Dimension; j++)
        {
            _sigma[j] = (float)state.Reals[0][j];
        }
    }
}
