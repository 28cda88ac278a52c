using System.Numerics.Tensors;
using Es.Core.Noise;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// Augmented Random Search (Mania, Guy and Recht 2018, Algorithm 1): mirrored directions
/// θ ± νδ_k, the top b directions by max(r₊, r₋), and the step
/// g = 1/(b·σ_R) Σ (r₊ − r₋) δ_k with σ_R the standard deviation of those 2b rewards,
/// taken by the session's optimizer (plain SGD, momentum 0, is the paper's step α).
/// V1 and V2 differ by the state normalisation, which is the run's <c>obs_norm</c>;
/// b below the number of directions gives the "-t" variants.
/// </summary>
public sealed class Ars : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "ars";

    private readonly IOptimizer _optimizer;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly float _nu;
    private readonly SurvivingPairs _survivors;
    private readonly int[] _order;
    private readonly double[] _score;
    private readonly int[] _topOffsets;
    private readonly float[] _weights;
    private readonly float[] _gradient;

    /// <summary>Creates ARS.</summary>
    /// <param name="dimension">Parameters.</param>
    /// <param name="population">Candidates (2 per direction).</param>
    /// <param name="nu">Exploration noise ν.</param>
    /// <param name="topDirections">b; 0 = every direction.</param>
    /// <param name="optimizer">The step.</param>
    /// <param name="noise">The noise table.</param>
    /// <param name="runSeed">The run seed.</param>
    public Ars(int dimension, int population, double nu, int topDirections, IOptimizer optimizer, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(topDirections);
        Dimension = dimension;
        Population = population;
        TopDirections = topDirections == 0 ? population / 2 : Math.Min(topDirections, population / 2);
        _optimizer = optimizer;
        _noise = noise;
        _runSeed = runSeed;
        _nu = (float)nu;
        _survivors = new SurvivingPairs(population);
        _order = new int[population / 2];
        _score = new double[population / 2];
        _topOffsets = new int[population / 2];
        _weights = new float[population / 2];
        _gradient = new float[dimension];
    }

    /// <inheritdoc/>
    public string Name => StrategyName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public int Population { get; }

    /// <summary>b, the directions each update uses.</summary>
    public int TopDirections { get; }

    /// <inheritdoc/>
    public bool Paired => true;

    /// <summary>The last update's g (reward ascent direction).</summary>
    public ReadOnlySpan<float> Gradient => _gradient;

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta) => new MirroredRecipe(theta, _nu, _noise, _runSeed);

    /// <inheritdoc/>
    public void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta)
    {
        int pairs = _survivors.Compact(rewards, generation, _noise, _runSeed, Dimension);
        var surviving = _survivors.Rewards(pairs);
        var offsets = _survivors.Offsets(pairs);
        for (int k = 0; k < pairs; k++)
        {
            _score[k] = Math.Max(surviving[2 * k], surviving[(2 * k) + 1]);
        }

        var order = _order.AsSpan(0, pairs);
        Ranking.BestFirst(_score.AsSpan(0, pairs), order);
        int b = Math.Min(TopDirections, pairs);

        // σ_R over the 2b rewards used (population standard deviation, as the authors' np.std).
        double sum = 0, squares = 0;
        for (int i = 0; i < b; i++)
        {
            sum += surviving[2 * order[i]] + surviving[(2 * order[i]) + 1];
        }

        double mean = sum / (2 * b);
        for (int i = 0; i < b; i++)
        {
            double a = surviving[2 * order[i]] - mean, c = surviving[(2 * order[i]) + 1] - mean;
            squares += (a * a) + (c * c);
        }

        double sigmaR = Math.Sqrt(squares / (2 * b));
        double scale = sigmaR > 0 ? 1.0 / (b * sigmaR) : 0; // all rewards equal: nothing to learn from
        for (int i = 0; i < b; i++)
        {
            int k = order[i];
            _topOffsets[i] = offsets[k];
            _weights[i] = (float)((surviving[2 * k] - surviving[(2 * k) + 1]) * scale);
        }

        GradientEstimator.Accumulate(_noise, _topOffsets.AsSpan(0, b), _weights.AsSpan(0, b), _gradient);
        TensorPrimitives.Negate(_gradient, _gradient); // the optimizer descends a loss
        _optimizer.Step(theta, _gradient);
        TensorPrimitives.Negate(_gradient, _gradient);
    }

    /// <inheritdoc/>
    public StrategyState Export() => StrategyState.Empty(Name);

    /// <inheritdoc/>
    public void Import(StrategyState state, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(Name, [], 0);
    }
}
