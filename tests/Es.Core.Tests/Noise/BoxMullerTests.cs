using Es.Core.Noise;
using Es.Core.Randomness;

namespace Es.Core.Tests.Noise;

public class BoxMullerTests
{
    [Fact]
    public void Log_UniformInputs_MatchesMathLogWithin1e12()
    {
        // Math.Log is fine here: the test checks accuracy, not cross-platform bits.
        var random = new DeterministicRandom(1);
        double[] edges = [1.0, 0.5, Math.Sqrt(0.5), 1.4142135623730951 / 2, Math.BitDecrement(1.0), 1.0 / (1UL << 53)];
        foreach (double x in edges.Concat(Enumerable.Range(0, 100_000).Select(_ => 1.0 - random.NextDouble())))
        {
            double expected = Math.Log(x);
            Assert.True(Math.Abs(BoxMuller.Log(x) - expected) <= 1e-12 * Math.Max(Math.Abs(expected), 1e-3), $"log({x:R})");
        }
    }

    [Fact]
    public void SinCosTwoPi_TurnsInUnitInterval_MatchesMathWithin1e12()
    {
        var random = new DeterministicRandom(2);
        double[] edges = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, Math.BitDecrement(1.0)];
        foreach (double turns in edges.Concat(Enumerable.Range(0, 100_000).Select(_ => random.NextDouble())))
        {
            BoxMuller.SinCosTwoPi(turns, out double cos, out double sin);
            Assert.True(Math.Abs(cos - Math.Cos(2 * Math.PI * turns)) < 1e-12, $"cos at {turns:R}");
            Assert.True(Math.Abs(sin - Math.Sin(2 * Math.PI * turns)) < 1e-12, $"sin at {turns:R}");
        }
    }

    [Fact]
    public void Transform_AnyLength_SameBitsAsScalarPair()
    {
        var random = new DeterministicRandom(3);
        for (int length = 0; length <= 37; length++)
        {
            var u1 = new double[length];
            var u2 = new double[length];
            for (int i = 0; i < length; i++)
            {
                u1[i] = 1.0 - random.NextDouble();
                u2[i] = random.NextDouble();
            }

            // Quadrant boundaries and the extremes of u1 in the first lanes.
            double[] edgeTurns = [0, 0.125, 0.25, 0.5, 0.75, 0.875];
            for (int i = 0; i < Math.Min(length, edgeTurns.Length); i++)
            {
                u2[i] = edgeTurns[i];
                u1[i] = i % 2 == 0 ? 1.0 : 1.0 / (1UL << 53);
            }

            var cos = (double[])u1.Clone();
            var sin = (double[])u2.Clone();
            BoxMuller.Transform(cos, sin);
            for (int i = 0; i < length; i++)
            {
                BoxMuller.Pair(u1[i], u2[i], out double z0, out double z1);
                Assert.Equal(BitConverter.DoubleToInt64Bits(z0), BitConverter.DoubleToInt64Bits(cos[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(z1), BitConverter.DoubleToInt64Bits(sin[i]));
            }
        }
    }
}
