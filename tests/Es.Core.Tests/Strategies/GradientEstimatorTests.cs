using Es.Core.Noise;
using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class GradientEstimatorTests
{
    private static readonly NoiseTable Table = new(1 << 16, 21);

    private static readonly int[] Dimensions = [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 4095, 4096, 4097, 8200];

    [Fact]
    public void Accumulate_ManySizesAndCounts_MatchesReferenceWithin1e5Relative()
    {
        var random = new DeterministicRandom(5);
        foreach (int dimension in Dimensions)
        {
            for (int count = 0; count <= 9; count++)
            {
                var (offsets, weights) = Candidates(ref random, count, dimension);
                var fused = new float[dimension];
                var reference = new float[dimension];
                GradientEstimator.Accumulate(Table, offsets, weights, fused);
                GradientEstimator.AccumulateReference(Table, offsets, weights, reference);

                // Relative to the scale of the terms, so cancellation near zero does not fail it.
                for (int j = 0; j < dimension; j++)
                {
                    double scale = 1e-30;
                    for (int i = 0; i < count; i++)
                    {
                        scale += Math.Abs(weights[i] * Table.Slice(offsets[i] + j, 1)[0]);
                    }

                    Assert.True(Math.Abs(fused[j] - reference[j]) <= 1e-5 * scale, $"d={dimension} n={count} j={j}");
                }
            }
        }
    }

    [Fact]
    public void Accumulate_SameOrderNoFusedMultiplyAdd_BitEqualToReference()
    {
        // Stronger than the tolerance test: the fused kernel adds candidates in index order
        // with separate roundings, so it is expected to equal the reference exactly.
        var random = new DeterministicRandom(6);
        foreach (int dimension in Dimensions)
        {
            var (offsets, weights) = Candidates(ref random, 9, dimension);
            var fused = new float[dimension];
            var reference = new float[dimension];
            GradientEstimator.Accumulate(Table, offsets, weights, fused);
            GradientEstimator.AccumulateReference(Table, offsets, weights, reference);
            Assert.Equal(reference, fused);
        }
    }

    [Fact]
    public void Accumulate_TwoCalls_IdenticalBitsAndGradientOverwritten()
    {
        var random = new DeterministicRandom(7);
        var (offsets, weights) = Candidates(ref random, 101, 5000);
        var first = new float[5000];
        var second = Enumerable.Repeat(123f, 5000).ToArray(); // stale contents must not leak in
        GradientEstimator.Accumulate(Table, offsets, weights, first);
        GradientEstimator.Accumulate(Table, offsets, weights, second);
        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Accumulate_Warm_AllocatesNothing()
    {
        var random = new DeterministicRandom(8);
        var (offsets, weights) = Candidates(ref random, 50, 3000);
        var gradient = new float[3000];
        GradientEstimator.Accumulate(Table, offsets, weights, gradient);
        long before = GC.GetAllocatedBytesForCurrentThread();
        GradientEstimator.Accumulate(Table, offsets, weights, gradient);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Accumulate_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => GradientEstimator.Accumulate(Table, new int[2], new float[1], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientEstimator.Accumulate(Table, [Table.Size - 3], [1f], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientEstimator.Accumulate(Table, [-1], [1f], new float[4]));
    }

    private static (int[] Offsets, float[] Weights) Candidates(ref DeterministicRandom random, int count, int dimension)
    {
        var offsets = new int[count];
        var weights = new float[count];
        for (int i = 0; i < count; i++)
        {
            offsets[i] = random.NextInt(Table.Size - dimension + 1);
            weights[i] = (float)random.Uniform(-1, 1);
        }

        return (offsets, weights);
    }
}
