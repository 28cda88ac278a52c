using Es.Core.Kernels;
using Es.Core.Randomness;

namespace Es.Core.Tests.Kernels;

public class ReluKernelTests
{
    [Fact]
    public void Relu_AllSizesWithTails_BitIdenticalToReference()
    {
        var rng = new DeterministicRandom(21);
        for (int n = 0; n <= 70; n++)
        {
            float[] expected = KernelTestData.Uniform(ref rng, n, -3, 3);
            var actual = (float[])expected.Clone();
            ReferenceKernels.Relu(expected);
            VectorKernels.Relu(actual);
            TanhKernelTests.AssertBitIdentical(expected, actual);
        }
    }

    [Fact]
    public void Relu_KnownValues_ClampsNegativesAndNegativeZero()
    {
        float[] x = [-2f, -0f, 0f, 0.5f, 3f, -1e-30f, float.NegativeInfinity, float.PositiveInfinity, -7f];
        VectorKernels.Relu(x);
        float[] expected = [0f, 0f, 0f, 0.5f, 3f, 0f, 0f, float.PositiveInfinity, 0f];
        TanhKernelTests.AssertBitIdentical(expected, x);
    }
}
