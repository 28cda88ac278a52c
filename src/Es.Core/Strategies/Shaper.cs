using System.Buffers;

namespace Es.Core.Strategies;

/// <summary>Applies a <see cref="FitnessShaping"/> to a population's rewards.</summary>
public static class Shaper
{
    // Up to this many candidates the sort buffers live on the stack; beyond, they are
    // rented from the shared pool (no allocation in steady state either way).
    private const int StackLimit = 256;

    /// <summary>
    /// Writes the shaped value of each reward (candidates in index order) to
    /// <paramref name="shaped"/>, which must have the same length.
    /// </summary>
    public static void Apply(FitnessShaping shaping, ReadOnlySpan<double> rewards, Span<float> shaped)
    {
        if (shaped.Length != rewards.Length)
        {
            throw new ArgumentException($"Expected {rewards.Length} shaped values, got {shaped.Length}.", nameof(shaped));
        }

        switch (shaping)
        {
            case FitnessShaping.CenteredRanks:
                CenteredRanks(rewards, shaped);
                break;
            case FitnessShaping.ZScore:
                ZScore(rewards, shaped);
                break;
            case FitnessShaping.Raw:
                for (int i = 0; i < rewards.Length; i++)
                {
                    shaped[i] = (float)rewards[i];
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shaping), shaping, "Unknown fitness shaping.");
        }
    }

    private static void CenteredRanks(ReadOnlySpan<double> rewards, Span<float> shaped)
    {
        int n = rewards.Length;
        if (n <= 1)
        {
            shaped.Clear(); // one candidate: rank 0 of 0, centred to 0 (no division by n − 1 = 0)
            return;
        }

        double[]? rentedKeys = null;
        int[]? rentedOrder = null;
        Span<double> keys = n <= StackLimit ? stackalloc double[n] : (rentedKeys = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        Span<int> order = n <= StackLimit ? stackalloc int[n] : (rentedOrder = ArrayPool<int>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            rewards.CopyTo(keys);
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            // The span sort is not stable; sorting each run of equal keys by index afterwards
            // gives the total order (reward, index), so ties rank by candidate index.
            keys.Sort(order);
            for (int start = 0; start < n;)
            {
                int end = start + 1;
                while (end < n && keys[end].CompareTo(keys[start]) == 0)
                {
                    end++;
                }

                if (end - start > 1)
                {
                    order.Slice(start, end - start).Sort();
                }

                start = end;
            }

            for (int rank = 0; rank < n; rank++)
            {
                shaped[order[rank]] = (float)(((double)rank / (n - 1)) - 0.5);
            }
        }
        finally
        {
            if (rentedKeys is not null)
            {
                ArrayPool<double>.Shared.Return(rentedKeys);
            }

            if (rentedOrder is not null)
            {
                ArrayPool<int>.Shared.Return(rentedOrder);
            }
        }
    }

    private static void ZScore(ReadOnlySpan<double> rewards, Span<float> shaped)
    {
        int n = rewards.Length;
        if (n == 0)
        {
            return;
        }

        // All equal is tested directly: the mean of equal values can differ from them by
        // rounding, which would turn a zero spread into amplified noise.
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (double r in rewards)
        {
            min = Math.Min(min, r);
            max = Math.Max(max, r);
            sum += r;
        }

        if (min == max)
        {
            shaped.Clear();
            return;
        }

        double mean = sum / n;
        double squares = 0;
        foreach (double r in rewards)
        {
            squares += (r - mean) * (r - mean);
        }

        double std = Math.Sqrt(squares / n); // population standard deviation, as numpy's std()
        for (int i = 0; i < n; i++)
        {
            shaped[i] = (float)((rewards[i] - mean) / std);
        }
    }
}
