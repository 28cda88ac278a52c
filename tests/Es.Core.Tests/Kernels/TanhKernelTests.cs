using System.Numerics;
using Es.Core.Kernels;
using Es.Core.Randomness;

namespace Es.Core.Tests.Kernels;

public class TanhKernelTests
{
    [Fact]
    public void Tanh_DenseGrid_WithinTwoMillionthsOfMathTanh()
    {
        const int Points = 4_000_001; // step 1e-5 over [-20, 20]
        var x = new float[Points];
        for (int i = 0; i < Points; i++)
        {
            x[i] = (float)(-20.0 + (i * 1e-5));
        }

        var y = new float[Points];
        VectorKernels.Tanh(x, y);

        double maxError = 0;
        for (int i = 0; i < Points; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(y[i] - Math.Tanh(x[i])));
        }

        Assert.True(maxError <= 2e-6, $"max abs error {maxError}");
    }

    [Theory]
    [InlineData(8f)]
    [InlineData(30f)]
    [InlineData(1e10f)]
    [InlineData(float.MaxValue)]
    [InlineData(float.PositiveInfinity)]
    public void Tanh_LargeMagnitude_SaturatesAtExactlyOne(float magnitude)
    {
        float[] x = [magnitude, -magnitude];
        var y = new float[2];
        VectorKernels.Tanh(x, y);
        Assert.Equal(1f, y[0]);
        Assert.Equal(-1f, y[1]);
    }

    [Fact]
    public void Tanh_OutputNeverLeavesUnitInterval()
    {
        var x = new float[200_001];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(-10.0 + (i * 1e-4));
        }

        var y = new float[x.Length];
        VectorKernels.Tanh(x, y);
        Assert.All(y, v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void Tanh_AllSizesWithTails_BitIdenticalToReference()
    {
        var rng = new DeterministicRandom(11);
        for (int n = 0; n <= 70; n++)
        {
            float[] x = KernelTestData.Uniform(ref rng, n, -12, 12);
            var expected = new float[n];
            var actual = new float[n];
            ReferenceKernels.Tanh(x, expected);
            VectorKernels.Tanh(x, actual);
            AssertBitIdentical(expected, actual);
        }
    }

    [Fact]
    public void Tanh_ElementResult_DoesNotDependOnPositionInVectorOrTail()
    {
        // Each value goes once through the vector body and once through the scalar tail.
        var rng = new DeterministicRandom(12);
        float[] values = KernelTestData.Uniform(ref rng, 500, -9, 9);
        int width = Vector<float>.Count;
        foreach (float v in values)
        {
            var body = new float[width];
            Array.Fill(body, v);
            var bodyOut = new float[width];
            VectorKernels.Tanh(body, bodyOut);

            var tailOut = new float[1];
            VectorKernels.Tanh(new[] { v }, tailOut);
            Assert.Equal(BitConverter.SingleToInt32Bits(tailOut[0]), BitConverter.SingleToInt32Bits(bodyOut[width - 1]));
        }
    }

    [Fact]
    public void Tanh_InPlace_MatchesOutOfPlace()
    {
        var rng = new DeterministicRandom(13);
        float[] x = KernelTestData.Uniform(ref rng, 67, -5, 5);
        var expected = new float[x.Length];
        VectorKernels.Tanh(x, expected);
        VectorKernels.Tanh(x, x);
        AssertBitIdentical(expected, x);
    }

    [Fact]
    public void Tanh_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorKernels.Tanh(new float[3], new float[2]));
    }

    internal static void AssertBitIdentical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"index {i}: expected {expected[i]:R}, actual {actual[i]:R}");
        }
    }
}
