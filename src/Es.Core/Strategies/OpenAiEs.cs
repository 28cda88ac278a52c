using System.Numerics.Tensors;
using Es.Core.Noise;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// The OpenAI-ES update (Salimans et al. 2017, Algorithm 2) with antithetic pairs: shape
/// the rewards, weight each pair's ε by the difference of its members' shaped rewards,
/// estimate g = (1/(nσ)) Σ_k w_k ε_k, and let the optimizer descend −g + l2·θ.
/// </summary>
/// <remarks>
/// All buffers are sized in the constructor; an update allocates nothing. Not thread-safe:
/// one instance per coordinator (or per node replaying updates).
/// </remarks>
public sealed class OpenAiEs
{
    private readonly NoiseTable _table;
    private readonly float[] _shaped;
    private readonly float[] _pairWeights;
    private readonly float[] _gradient;
    private readonly float[] _lossGradient;

    /// <summary>Creates the update rule for θ of <paramref name="dimension"/> values and an even <paramref name="population"/>.</summary>
    public OpenAiEs(NoiseTable table, int dimension, int population, double sigma, FitnessShaping shaping, double l2Coefficient = 0.005)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, table.Size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(population);
        if (population % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, "Expected an even population (antithetic pairs).");
        }

        if (!(sigma > 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Expected a positive, finite sigma.");
        }

        if (!Enum.IsDefined(shaping))
        {
            throw new ArgumentOutOfRangeException(nameof(shaping), shaping, "Unknown fitness shaping.");
        }

        if (!(l2Coefficient >= 0) || !double.IsFinite(l2Coefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(l2Coefficient), l2Coefficient, "Expected a non-negative, finite L2 coefficient.");
        }

        _table = table;
        Dimension = dimension;
        Population = population;
        Sigma = sigma;
        Shaping = shaping;
        L2Coefficient = l2Coefficient;
        _shaped = new float[population];
        _pairWeights = new float[population / 2];
        _gradient = new float[dimension];
        _lossGradient = new float[dimension];
    }

    /// <summary>Number of parameters in θ.</summary>
    public int Dimension { get; }

    /// <summary>Candidates per generation (n, even).</summary>
    public int Population { get; }

    /// <summary>Noise standard deviation σ.</summary>
    public double Sigma { get; }

    /// <summary>How rewards become weights.</summary>
    public FitnessShaping Shaping { get; }

    /// <summary>Weight decay: the optimizer descends −g + l2·θ.</summary>
    public double L2Coefficient { get; }

    /// <summary>The reward-gradient estimate g of the last <see cref="ComputeGradient"/> or <see cref="Update"/>.</summary>
    public ReadOnlySpan<float> Gradient => _gradient;

    /// <summary>
    /// Writes g = (1/(mσ)) Σ_k (shaped[2k] − shaped[2k+1]) ε_k to <paramref name="gradient"/>,
    /// where m is the number of rewards: the whole population, or only the pairs that
    /// survived a generation in which some candidates failed (compacted, in index order).
    /// Shaping runs over exactly the rewards given, so a full population gives the same bits
    /// as before survivors existed.
    /// </summary>
    /// <param name="rewards">2k rewards (k ≤ n/2 pairs, both members of a pair adjacent), in candidate index order; finite.</param>
    /// <param name="pairOffsets">The noise offset of each of the k pairs.</param>
    /// <param name="gradient">Receives g; <see cref="Dimension"/> values.</param>
    public void ComputeGradient(ReadOnlySpan<double> rewards, ReadOnlySpan<int> pairOffsets, Span<float> gradient)
    {
        if (rewards.Length == 0 || rewards.Length % 2 != 0 || rewards.Length > Population)
        {
            throw new ArgumentException($"Expected an even number of rewards from 2 to {Population}, got {rewards.Length}.", nameof(rewards));
        }

        int pairs = rewards.Length / 2;
        if (pairOffsets.Length != pairs)
        {
            throw new ArgumentException($"Expected {pairs} pair offsets (one per pair of rewards), got {pairOffsets.Length}.", nameof(pairOffsets));
        }

        if (gradient.Length != Dimension)
        {
            throw new ArgumentException($"Expected a gradient of {Dimension} values, got {gradient.Length}.", nameof(gradient));
        }

        var shaped = _shaped.AsSpan(0, rewards.Length);
        var weights = _pairWeights.AsSpan(0, pairs);
        Shaper.Apply(Shaping, rewards, shaped);
        for (int k = 0; k < pairs; k++)
        {
            weights[k] = shaped[2 * k] - shaped[(2 * k) + 1];
        }

        GradientEstimator.Accumulate(_table, pairOffsets, weights, gradient);

        // Salimans et al.'s code divides by n only; the paper's 1/(nσ) is kept here so g
        // estimates the true gradient (the quadratic test checks it), at the cost of
        // weighing l2 relative to g differently from their code by a factor σ.
        TensorPrimitives.Multiply(gradient, (float)(1.0 / (rewards.Length * Sigma)), gradient);
    }

    /// <summary>
    /// Computes g (kept in <see cref="Gradient"/>) and steps θ with the optimizer on the loss
    /// gradient −g + l2·θ: ascent on reward with weight decay. Takes the whole population's
    /// rewards or the surviving pairs' (see <see cref="ComputeGradient"/>).
    /// </summary>
    public void Update(Span<float> theta, IOptimizer optimizer, ReadOnlySpan<double> rewards, ReadOnlySpan<int> pairOffsets)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (theta.Length != Dimension || optimizer.Dimension != Dimension)
        {
            throw new ArgumentException($"Expected θ and optimizer of dimension {Dimension}, got {theta.Length} and {optimizer.Dimension}.", nameof(theta));
        }

        ComputeGradient(rewards, pairOffsets, _gradient);

        // lossGradient = l2·θ − g, elementwise in float (same bits at any vector width).
        TensorPrimitives.Multiply(theta, (float)L2Coefficient, _lossGradient);
        TensorPrimitives.Subtract(_lossGradient, _gradient, _lossGradient);
        optimizer.Step(theta, _lossGradient);
    }
}
