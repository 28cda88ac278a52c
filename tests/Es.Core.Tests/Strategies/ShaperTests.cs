using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class ShaperTests
{
    [Fact]
    public void CenteredRanks_DistinctRewards_RankOverNMinusOneMinusHalf()
    {
        // ranks [2, 0, 1] of 3 → rank/2 − 0.5
        Assert.Equal([0.5f, -0.5f, 0f], Shape(FitnessShaping.CenteredRanks, 3, 1, 2));
    }

    [Fact]
    public void CenteredRanks_Ties_BrokenByIndex()
    {
        // sorted by (reward, index): (1,#1) (1,#3) (5,#0) (5,#2) → ranks #0=2, #1=0, #2=3, #3=1; /3 − 0.5
        Assert.Equal([(float)((2.0 / 3) - 0.5), -0.5f, 0.5f, (float)((1.0 / 3) - 0.5)], Shape(FitnessShaping.CenteredRanks, 5, 1, 5, 1));
    }

    [Fact]
    public void CenteredRanks_TwoCandidates_MinusHalfAndHalf()
    {
        Assert.Equal([-0.5f, 0.5f], Shape(FitnessShaping.CenteredRanks, 1, 2));
        Assert.Equal([0.5f, -0.5f], Shape(FitnessShaping.CenteredRanks, 2, -7));
        Assert.Equal([-0.5f, 0.5f], Shape(FitnessShaping.CenteredRanks, 4, 4)); // tie: lower index ranks first
    }

    [Fact]
    public void CenteredRanks_OneOrZeroCandidates_ZeroOrNothing()
    {
        Assert.Equal([0f], Shape(FitnessShaping.CenteredRanks, 42));
        Assert.Empty(Shape(FitnessShaping.CenteredRanks));
    }

    [Fact]
    public void CenteredRanks_LargePopulationWithTies_MatchesQuadraticDefinition()
    {
        // Above the stack limit (pooled buffers), with many ties from a coarse reward grid.
        var random = new DeterministicRandom(8);
        double[] rewards = Enumerable.Range(0, 1001).Select(_ => (double)random.NextInt(50)).ToArray();
        float[] shaped = Shape(FitnessShaping.CenteredRanks, rewards);
        for (int i = 0; i < rewards.Length; i++)
        {
            // rank = number of candidates ordered before i by (reward, index)
            int rank = Enumerable.Range(0, rewards.Length).Count(j => rewards[j] < rewards[i] || (rewards[j] == rewards[i] && j < i));
            Assert.Equal((float)(((double)rank / 1000) - 0.5), shaped[i]);
        }
    }

    [Fact]
    public void ZScore_KnownRewards_MeanZeroStdOne()
    {
        // mean 2, population std sqrt(2/3) = 0.8164966 → ±1/0.8164966 = ±1.2247449
        float[] shaped = Shape(FitnessShaping.ZScore, 1, 2, 3);
        Assert.Equal(-1.2247449f, shaped[0], 6);
        Assert.Equal(0f, shaped[1]);
        Assert.Equal(1.2247449f, shaped[2], 6);
    }

    [Fact]
    public void ZScore_AllEqual_Zeros()
    {
        Assert.Equal([0f, 0f, 0f], Shape(FitnessShaping.ZScore, 0.1, 0.1, 0.1));
    }

    [Fact]
    public void Raw_AnyRewards_CopiedAsFloat()
    {
        Assert.Equal([1.5f, -2f, 1e10f], Shape(FitnessShaping.Raw, 1.5, -2, 1e10));
    }

    [Fact]
    public void Apply_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => Shaper.Apply(FitnessShaping.Raw, new double[3], new float[2]));
    }

    private static float[] Shape(FitnessShaping shaping, params double[] rewards)
    {
        var shaped = new float[rewards.Length];
        Shaper.Apply(shaping, rewards, shaped);
        return shaped;
    }
}
