using Es.Core.Normalization;
using Es.Core.Randomness;

namespace Es.Core.Tests.Normalization;

public class RunningStatTests
{
    private const int Dimension = 5;

    [Fact]
    public void Push_ManySamples_EqualsTwoPassMeanAndVariance()
    {
        float[][] samples = Samples(seed: 1, count: 1000);
        var stat = new RunningStat(Dimension);
        foreach (float[] s in samples)
        {
            stat.Push(s);
        }

        Assert.Equal(1000, stat.Count);
        for (int d = 0; d < Dimension; d++)
        {
            double mean = samples.Average(s => (double)s[d]);
            double m2 = samples.Sum(s => (s[d] - mean) * (s[d] - mean));
            AssertRelative(mean, stat.Mean[d], 1e-12);
            AssertRelative(m2, stat.M2[d], 1e-12);
        }
    }

    [Fact]
    public void Merge_TwoHalves_EqualsStatOfWhole()
    {
        float[][] samples = Samples(seed: 2, count: 777);
        var whole = new RunningStat(Dimension);
        var first = new RunningStat(Dimension);
        var second = new RunningStat(Dimension);
        for (int i = 0; i < samples.Length; i++)
        {
            whole.Push(samples[i]);
            (i < 300 ? first : second).Push(samples[i]);
        }

        first.Merge(second);
        Assert.Equal(whole.Count, first.Count);
        for (int d = 0; d < Dimension; d++)
        {
            AssertRelative(whole.Mean[d], first.Mean[d], 1e-12);
            AssertRelative(whole.M2[d], first.M2[d], 1e-12);
        }
    }

    [Fact]
    public void Merge_SameFixedOrder_BitIdentical()
    {
        float[][] samples = Samples(seed: 3, count: 400);
        RunningStat Build()
        {
            var parts = new RunningStat[8];
            for (int p = 0; p < parts.Length; p++)
            {
                parts[p] = new RunningStat(Dimension);
            }

            for (int i = 0; i < samples.Length; i++)
            {
                parts[i % parts.Length].Push(samples[i]);
            }

            var total = new RunningStat(Dimension);
            foreach (RunningStat part in parts)
            {
                total.Merge(part);
            }

            return total;
        }

        RunningStat a = Build();
        RunningStat b = Build();
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(Bits(a.Mean), Bits(b.Mean));
        Assert.Equal(Bits(a.M2), Bits(b.M2));
    }

    [Fact]
    public void Merge_IntoEmptyOrFromEmpty_CopiesExactly()
    {
        float[][] samples = Samples(seed: 4, count: 10);
        var source = new RunningStat(Dimension);
        foreach (float[] s in samples)
        {
            source.Push(s);
        }

        var empty = new RunningStat(Dimension);
        empty.Merge(source);
        Assert.Equal(Bits(source.Mean), Bits(empty.Mean));
        Assert.Equal(Bits(source.M2), Bits(empty.M2));

        double[] before = source.Mean.ToArray();
        source.Merge(new RunningStat(Dimension));
        Assert.Equal(before, source.Mean.ToArray());
        Assert.Equal(10, source.Count);
    }

    [Fact]
    public void SerialisedState_RoundTrips_AndCopyFromAndClear()
    {
        var stat = new RunningStat(Dimension);
        foreach (float[] s in Samples(seed: 5, count: 20))
        {
            stat.Push(s);
        }

        var restored = new RunningStat(stat.Count, stat.Mean.ToArray(), stat.M2.ToArray());
        Assert.Equal(stat.Count, restored.Count);
        Assert.Equal(Bits(stat.Mean), Bits(restored.Mean));
        Assert.Equal(Bits(stat.M2), Bits(restored.M2));

        var copy = new RunningStat(Dimension);
        copy.CopyFrom(stat);
        Assert.Equal(Bits(stat.M2), Bits(copy.M2));

        copy.Clear();
        Assert.Equal(0, copy.Count);
        Assert.All(copy.Mean.ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(copy.M2.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal(20, stat.Count); // the copy is independent
    }

    [Fact]
    public void Push_AfterWarmUp_AllocatesNothing()
    {
        var stat = new RunningStat(Dimension);
        float[] x = [1, 2, 3, 4, 5];
        stat.Push(x);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            stat.Push(x);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WrongDimension_Throws()
    {
        var stat = new RunningStat(3);
        Assert.Throws<ArgumentException>(() => stat.Push(new float[2]));
        Assert.Throws<ArgumentException>(() => stat.Merge(new RunningStat(4)));
        Assert.Throws<ArgumentException>(() => new RunningStat(1, new double[2], new double[3]));
    }

    internal static float[][] Samples(ulong seed, int count)
    {
        var rng = new DeterministicRandom(seed);
        var samples = new float[count][];
        for (int i = 0; i < count; i++)
        {
            samples[i] = new float[Dimension];
            for (int d = 0; d < Dimension; d++)
            {
                // different offsets and scales per dimension
                samples[i][d] = (float)((rng.NextGaussian() * (d + 0.5)) + (10 * d) - 3);
            }
        }

        return samples;
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), 1e-300), $"{expected:R} vs {actual:R}");
}
