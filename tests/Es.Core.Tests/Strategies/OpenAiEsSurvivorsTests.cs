using Es.Core.Noise;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

/// <summary>Updates over the pairs that survived a generation with failed candidates.</summary>
public sealed class OpenAiEsSurvivorsTests
{
    private static readonly NoiseTable Table = new(1 << 16, 123);

    [Theory]
    [InlineData(FitnessShaping.CenteredRanks)]
    [InlineData(FitnessShaping.ZScore)]
    [InlineData(FitnessShaping.Raw)]
    public void ComputeGradient_SurvivingPairs_SameAsAPopulationOfTheSurvivors(FitnessShaping shaping)
    {
        double[] rewards = [3, 1, 4, 1, 5, 9];
        int[] offsets = [10, 300, 5000];
        var full = new OpenAiEs(Table, 20, 10, 0.1, shaping);
        var exact = new OpenAiEs(Table, 20, 6, 0.1, shaping);
        var fromSurvivors = new float[20];
        var fromExact = new float[20];

        full.ComputeGradient(rewards, offsets, fromSurvivors);
        exact.ComputeGradient(rewards, offsets, fromExact);

        Assert.Equal(fromExact, fromSurvivors);
    }

    [Fact]
    public void ComputeGradient_OddEmptyOrTooManyRewards_Throw()
    {
        var es = new OpenAiEs(Table, 10, 8, 0.1, FitnessShaping.Raw);
        Assert.Throws<ArgumentException>(() => es.ComputeGradient(new double[5], new int[2], new float[10]));
        Assert.Throws<ArgumentException>(() => es.ComputeGradient([], [], new float[10]));
        Assert.Throws<ArgumentException>(() => es.ComputeGradient(new double[10], new int[5], new float[10]));
    }
}
