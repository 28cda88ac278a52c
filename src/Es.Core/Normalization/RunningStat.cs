namespace Es.Core.Normalization;

/// <summary>
/// Per-dimension running mean and sum of squared deviations (M2) of observations, in
/// double precision: Welford's update for single samples and Chan et al.'s combination
/// for merging the statistics gathered by different evaluators.
/// </summary>
/// <remarks>
/// Floating-point addition is not associative, so merged statistics are bit-deterministic
/// only when merged in a fixed order; the coordinator merges deltas in candidate-index order.
/// </remarks>
public sealed class RunningStat
{
    private readonly double[] _mean;
    private readonly double[] _m2;

    /// <summary>An empty statistic over <paramref name="dimension"/> dimensions.</summary>
    public RunningStat(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _mean = new double[dimension];
        _m2 = new double[dimension];
    }

    /// <summary>Restores a statistic from its serialised state (the arrays are copied).</summary>
    /// <param name="count">Number of samples pushed so far.</param>
    /// <param name="mean">Mean per dimension.</param>
    /// <param name="m2">Sum of squared deviations from the mean per dimension.</param>
    public RunningStat(long count, ReadOnlySpan<double> mean, ReadOnlySpan<double> m2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (mean.Length != m2.Length)
        {
            throw new ArgumentException("Mean and M2 must have the same length.", nameof(m2));
        }

        Count = count;
        _mean = mean.ToArray();
        _m2 = m2.ToArray();
    }

    /// <summary>Number of dimensions.</summary>
    public int Dimension => _mean.Length;

    /// <summary>Number of samples pushed (directly or through merges).</summary>
    public long Count { get; private set; }

    /// <summary>Mean per dimension (zeros while <see cref="Count"/> is 0).</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Sum of squared deviations from the mean per dimension; variance = M2 / Count.</summary>
    public ReadOnlySpan<double> M2 => _m2;

    /// <summary>Adds one sample (Welford's update). Allocation-free.</summary>
    public void Push(ReadOnlySpan<float> x)
    {
        CheckDimension(x.Length, nameof(x));
        Count++;
        double n = Count;
        for (int i = 0; i < _mean.Length; i++)
        {
            double delta = x[i] - _mean[i];
            _mean[i] += delta / n;
            _m2[i] += delta * (x[i] - _mean[i]);
        }
    }

    /// <summary>Adds the samples summarised by <paramref name="other"/> (Chan et al. parallel combination).</summary>
    public void Merge(RunningStat other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckDimension(other.Dimension, nameof(other));
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            // Exact copy: the general formula would round mean·n/n.
            CopyFrom(other);
            return;
        }

        double na = Count;
        double nb = other.Count;
        double n = na + nb;
        for (int i = 0; i < _mean.Length; i++)
        {
            double delta = other._mean[i] - _mean[i];
            _mean[i] += delta * nb / n;
            _m2[i] += other._m2[i] + (delta * delta * na * nb / n);
        }

        Count += other.Count;
    }

    /// <summary>Resets to the empty statistic.</summary>
    public void Clear()
    {
        Count = 0;
        Array.Clear(_mean);
        Array.Clear(_m2);
    }

    /// <summary>Overwrites this statistic with <paramref name="other"/>'s state.</summary>
    public void CopyFrom(RunningStat other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckDimension(other.Dimension, nameof(other));
        Count = other.Count;
        other._mean.CopyTo(_mean, 0);
        other._m2.CopyTo(_m2, 0);
    }

    private void CheckDimension(int dimension, string paramName)
    {
        if (dimension != _mean.Length)
        {
            throw new ArgumentException($"Expected dimension {_mean.Length}, got {dimension}.", paramName);
        }
    }
}
