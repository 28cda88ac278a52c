using Es.Core.Kernels;
using Es.Core.Randomness;

namespace Es.Core.Tests.Kernels;

public class MatVecKernelTests
{
    private delegate void MatVecFn(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> b, Span<float> y);

    public static TheoryData<string> Paths => new() { "public", "vector256", "vector128" };

    private static MatVecFn Path(string name) => name switch
    {
        "vector256" => VectorKernels.MatVec256,
        "vector128" => VectorKernels.MatVec128,
        _ => VectorKernels.MatVec,
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void MatVec_AllColumnCounts_BitIdenticalToEightLaneEmulation(string path)
    {
        MatVecFn kernel = Path(path);
        var rng = new DeterministicRandom(31);
        foreach (int rows in new[] { 0, 1, 3, 9 })
        {
            for (int cols = 0; cols <= 70; cols++)
            {
                float[] w = KernelTestData.Uniform(ref rng, rows * cols, -2, 2);
                float[] x = KernelTestData.Uniform(ref rng, cols, -5, 5);
                float[] b = KernelTestData.Uniform(ref rng, rows, -1, 1);
                var expected = new float[rows];
                var actual = new float[rows];
                ReferenceKernels.MatVecEightLane(w, x, b, expected);
                kernel(w, x, b, actual);
                TanhKernelTests.AssertBitIdentical(expected, actual);
            }
        }
    }

    [Fact]
    public void MatVec_AllColumnCounts_MatchesDoubleReferenceWithinRelativeTolerance()
    {
        var rng = new DeterministicRandom(32);
        for (int cols = 0; cols <= 70; cols++)
        {
            const int Rows = 5;
            float[] w = KernelTestData.Uniform(ref rng, Rows * cols, -2, 2);
            float[] x = KernelTestData.Uniform(ref rng, cols, -5, 5);
            float[] b = KernelTestData.Uniform(ref rng, Rows, -1, 1);
            var expected = new float[Rows];
            var actual = new float[Rows];
            ReferenceKernels.MatVec(w, x, b, expected);
            VectorKernels.MatVec(w, x, b, actual);
            for (int r = 0; r < Rows; r++)
            {
                // relative to the magnitude of the terms, since the sum itself may cancel
                double scale = Math.Abs(b[r]);
                for (int c = 0; c < cols; c++)
                {
                    scale += Math.Abs((double)w[(r * cols) + c] * x[c]);
                }

                Assert.True(Math.Abs(expected[r] - actual[r]) <= 1e-5 * Math.Max(scale, 1e-30), $"cols {cols} row {r}");
            }
        }
    }

    [Fact]
    public void MatVec_RepeatedCalls_SameBits()
    {
        var rng = new DeterministicRandom(33);
        float[] w = KernelTestData.Uniform(ref rng, 64 * 67, -1, 1);
        float[] x = KernelTestData.Uniform(ref rng, 67, -1, 1);
        float[] b = KernelTestData.Uniform(ref rng, 64, -1, 1);
        var first = new float[64];
        VectorKernels.MatVec(w, x, b, first);
        for (int i = 0; i < 10; i++)
        {
            var again = new float[64];
            VectorKernels.MatVec(w, x, b, again);
            TanhKernelTests.AssertBitIdentical(first, again);
        }
    }

    [Fact]
    public void MatVec_SmallExample_HandComputed()
    {
        float[] w = [1, 2, 3, 4, 5, 6];
        float[] x = [1, -1, 2];
        float[] b = [0.5f, -0.5f];
        var y = new float[2];
        VectorKernels.MatVec(w, x, b, y);
        Assert.Equal([5.5f, 10.5f], y);
    }

    [Fact]
    public void MatVec_ShapeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorKernels.MatVec(new float[5], new float[3], new float[2], new float[2]));
        Assert.Throws<ArgumentException>(() => VectorKernels.MatVec(new float[6], new float[3], new float[1], new float[2]));
    }
}
