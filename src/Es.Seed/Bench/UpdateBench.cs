using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using Es.Core.Noise;
using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Seed.Bench;

/// <summary>
/// <c>bench update --dim D --population P</c>: the gradient accumulation of one update
/// (P/2 antithetic pairs, one noise slice of D floats each) against a plain sequential
/// read of the same number of bytes, in the same process, one thread each.
/// </summary>
internal static class UpdateBench
{
    public static BenchReport Run(int dimension, int population, int tableSize, double seconds)
    {
        var table = new NoiseTable(tableSize, 123);
        int pairs = population / 2;
        var offsets = new int[pairs];
        var weights = new float[pairs];
        var random = new DeterministicRandom(7);
        for (int i = 0; i < pairs; i++)
        {
            offsets[i] = table.SampleOffset(random.NextUInt64(), dimension);
            weights[i] = (float)random.Uniform(-0.5, 0.5);
        }

        var gradient = new float[dimension];
        double bytes = (double)pairs * dimension * sizeof(float);

        // Warm-up both, then alternate so machine noise hits them alike; the best repetition counts.
        GradientEstimator.Accumulate(table, offsets, weights, gradient);
        float sink = SequentialRead(table, (long)pairs * dimension);
        double bestUpdate = double.MaxValue, bestRead = double.MaxValue;
        int repetitions = 0;
        var total = Stopwatch.StartNew();
        while (repetitions < 3 || total.Elapsed.TotalSeconds < seconds)
        {
            var clock = Stopwatch.StartNew();
            GradientEstimator.Accumulate(table, offsets, weights, gradient);
            bestUpdate = Math.Min(bestUpdate, clock.Elapsed.TotalSeconds);
            clock.Restart();
            sink += SequentialRead(table, (long)pairs * dimension);
            bestRead = Math.Min(bestRead, clock.Elapsed.TotalSeconds);
            repetitions++;
        }

        double update = bytes / bestUpdate / 1e9;
        double read = bytes / bestRead / 1e9;
        return new BenchReport()
            .Add("benchmark", "update")
            .Add("dim", dimension)
            .Add("population", population)
            .Add("noise_slices", pairs)
            .Add("bytes_per_update", (long)bytes)
            .Add("update_seconds", bestUpdate)
            .Add("update_gb_per_second", update)
            .Add("read_gb_per_second", read)
            .Add("update_to_read_ratio", update / read)
            .Add("repetitions", repetitions)
            .Add("checksum", (double)(sink + gradient[0]));
    }

    /// <summary>
    /// Sums <paramref name="count"/> floats of the table front to back (wrapping), with
    /// four independent vector accumulators so the loop is bound by memory, not by adds.
    /// </summary>
    private static float SequentialRead(NoiseTable table, long count)
    {
        ReadOnlySpan<float> all = table.Slice(0, table.Size);
        ref float start = ref MemoryMarshal.GetReference(all);
        int width = Vector<float>.Count;
        int usable = all.Length - (all.Length % (4 * width));
        Vector<float> a = default, b = default, c = default, d = default;
        long done = 0;
        while (done < count)
        {
            int chunk = (int)Math.Min(usable, count - done);
            chunk -= chunk % (4 * width);
            if (chunk == 0)
            {
                break;
            }

            for (int i = 0; i < chunk; i += 4 * width)
            {
                a += Vector.LoadUnsafe(ref start, (nuint)i);
                b += Vector.LoadUnsafe(ref start, (nuint)(i + width));
                c += Vector.LoadUnsafe(ref start, (nuint)(i + (2 * width)));
                d += Vector.LoadUnsafe(ref start, (nuint)(i + (3 * width)));
            }

            done += chunk;
        }

        return Vector.Sum((a + b) + (c + d));
    }
}
