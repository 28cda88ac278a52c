using Es.Core.Kernels;
using Es.Core.Randomness;

namespace Es.Core.Tests.Kernels;

/// <summary>The eight-rows-per-pass kernel: row grouping, leftovers and masked tails keep the reference's bits.</summary>
public class MatVecRowsKernelTests
{
    [Fact]
    public void MatVec256_RowCountsAroundGroupsOfEight_BitIdenticalToEightLaneEmulation()
    {
        var rng = new DeterministicRandom(41);
        foreach (int rows in new[] { 2, 7, 8, 10, 15, 16, 17, 64, 65 })
        {
            foreach (int cols in new[] { 1, 3, 4, 5, 7, 8, 9, 12, 16, 17, 64, 67 })
            {
                float[] w = KernelTestData.Uniform(ref rng, rows * cols, -2, 2);
                float[] x = KernelTestData.Uniform(ref rng, cols, -5, 5);
                float[] b = KernelTestData.Uniform(ref rng, rows, -1, 1);
                var expected = new float[rows];
                var actual = new float[rows];
                ReferenceKernels.MatVecEightLane(w, x, b, expected);
                VectorKernels.MatVec256(w, x, b, actual);
                TanhKernelTests.AssertBitIdentical(expected, actual);
            }
        }
    }

    [Fact]
    public void MatVec256_NonFiniteValuesInOtherRows_DoNotLeakIntoTails()
    {
        // The masked tail load reads the next row's first values; they must not reach this row's sum.
        const int Rows = 16, Cols = 4;
        var rng = new DeterministicRandom(42);
        float[] w = KernelTestData.Uniform(ref rng, Rows * Cols, -1, 1);
        float[] x = KernelTestData.Uniform(ref rng, Cols, -1, 1);
        float[] b = new float[Rows];
        for (int r = 1; r < Rows; r += 2)
        {
            w[r * Cols] = float.NaN;
            w[(r * Cols) + 1] = float.PositiveInfinity;
        }

        var expected = new float[Rows];
        var actual = new float[Rows];
        ReferenceKernels.MatVecEightLane(w, x, b, expected);
        VectorKernels.MatVec256(w, x, b, actual);
        TanhKernelTests.AssertBitIdentical(expected, actual);
        for (int r = 0; r < Rows; r += 2)
        {
            Assert.True(float.IsFinite(actual[r]), $"row {r}");
        }
    }

    [Fact]
    public void MatVec256_SignedZeros_SameAsReference()
    {
        // Zero weights and inputs of both signs: the +0 start of every lane must be kept.
        float[] w = [-0f, 0f, -0f, -0f, -0f, -0f, 0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f];
        float[] x = [1f, -1f];
        float[] b = [-0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f];
        var expected = new float[9];
        var actual = new float[9];
        ReferenceKernels.MatVecEightLane(w, x, b, expected);
        VectorKernels.MatVec256(w, x, b, actual);
        TanhKernelTests.AssertBitIdentical(expected, actual);
    }

    [Theory]
    [InlineData(32, 3)]
    [InlineData(9, 5)]
    [InlineData(2, 7)]
    public void MatVec256_RowsAtTheEndOfW_IgnoreTheValuesBeforeTheirTail(int rows, int cols)
    {
        // The last rows' tails are rotated out of w's last eight values, which also hold
        // values of earlier rows: NaN there must not reach the last row's lanes.
        var rng = new DeterministicRandom(43);
        float[] w = KernelTestData.Uniform(ref rng, rows * cols, -1, 1);
        float[] x = KernelTestData.Uniform(ref rng, cols, -1, 1);
        float[] b = KernelTestData.Uniform(ref rng, rows, -1, 1);
        int lastRow = (rows - 1) * cols;
        var poisoned = (float[])w.Clone();
        for (int i = Math.Max(0, w.Length - VectorKernels.MatVecLanes); i < lastRow; i++)
        {
            poisoned[i] = float.NaN;
        }

        var expected = new float[rows];
        var actual = new float[rows];
        ReferenceKernels.MatVecEightLane(poisoned, x, b, expected);
        VectorKernels.MatVec256(poisoned, x, b, actual);
        TanhKernelTests.AssertBitIdentical(expected, actual);
        Assert.True(float.IsFinite(actual[^1]), "the last row reads only its own values");
    }
}
