using Es.Core.Normalization;
using Es.Core.Randomness;

namespace Es.Core.Tests.Normalization;

public class ObservationFilterTests
{
    [Fact]
    public void FromStat_UsesMeanAndFlooredStd()
    {
        var stat = new RunningStat(2);
        stat.Push([1f, 5f]);
        stat.Push([3f, 5.01f]); // dimension 1 nearly constant: variance floored at 1e-2
        ObservationFilter filter = ObservationFilter.FromStat(stat);
        Assert.Equal(2f, filter.Mean[0]);
        Assert.Equal(1f, filter.Std[0]);
        Assert.Equal(0.1f, filter.Std[1], 1e-7f);
        Assert.False(filter.IsIdentity);
    }

    [Fact]
    public void FromStat_FewerThanTwoSamples_MeanZeroStdOne()
    {
        var stat = new RunningStat(3);
        stat.Push([10f, 20f, 30f]);
        ObservationFilter filter = ObservationFilter.FromStat(stat);
        Assert.Equal(new float[3], filter.Mean.ToArray());
        Assert.Equal([1f, 1f, 1f], filter.Std.ToArray());
    }

    [Fact]
    public void Apply_ClipsToFive()
    {
        var filter = new ObservationFilter([0f, 0f, 0f, 1f], [1f, 1f, 0.5f, 2f]);
        var output = new float[4];
        filter.Apply([100f, -100f, 2f, 4f], output);
        Assert.Equal([5f, -5f, 4f, 1.5f], output);
    }

    [Fact]
    public void Apply_AllSizes_VectorBodyMatchesScalarFormulaBitForBit()
    {
        var rng = new DeterministicRandom(9);
        for (int n = 0; n <= 70; n++)
        {
            float[] mean = Draw(ref rng, n, -3, 3);
            float[] std = Draw(ref rng, n, 0.1, 4);
            float[] raw = Draw(ref rng, n, -30, 30);
            var filter = new ObservationFilter(mean, std);
            var actual = new float[n];
            filter.Apply(raw, actual);
            for (int i = 0; i < n; i++)
            {
                float z = (raw[i] - mean[i]) / std[i];
                float expected = Math.Clamp(z, -5f, 5f);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual[i]));
            }
        }
    }

    [Fact]
    public void Apply_InPlace_Works()
    {
        var filter = new ObservationFilter([1f, 2f], [2f, 4f]);
        float[] x = [3f, 6f];
        filter.Apply(x, x);
        Assert.Equal([1f, 1f], x);
    }

    [Fact]
    public void Identity_PassesValuesThroughUnchanged()
    {
        ObservationFilter filter = ObservationFilter.Identity(3);
        Assert.True(filter.IsIdentity);
        Assert.Equal(3, filter.Size);
        float[] raw = [1e6f, -42f, 0.25f];
        var output = new float[3];
        filter.Apply(raw, output);
        Assert.Equal(raw, output);
    }

    [Fact]
    public void Constructor_And_Apply_RejectBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationFilter([0f], [0f]));
        Assert.Throws<ArgumentException>(() => new ObservationFilter([0f, 1f], [1f]));
        var filter = ObservationFilter.Identity(2);
        Assert.Throws<ArgumentException>(() => filter.Apply(new float[3], new float[2]));
    }

    private static float[] Draw(ref DeterministicRandom rng, int n, double low, double high)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (float)rng.Uniform(low, high);
        }

        return values;
    }
}
