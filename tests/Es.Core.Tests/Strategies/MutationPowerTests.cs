using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class MutationPowerTests
{
    [Fact]
    public void At_NoDecay_IsSigmaAtEveryGeneration()
    {
        var power = new MutationPower(0.05);

        Assert.False(power.Decays);
        Assert.Equal(0.05f, power.At(0));
        Assert.Equal(0.05f, power.At(100_000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(500)]
    public void At_Decaying_IsSigmaTimesDecayToTheGeneration(int generation)
    {
        var power = new MutationPower(0.5, 0.99);

        Assert.Equal(0.5 * Math.Pow(0.99, generation), power.At(generation), 1e-7 * 0.5);
    }

    [Fact]
    public void At_Decaying_NeverBelowTheLimit()
    {
        var power = new MutationPower(1.0, 0.5, 0.01);

        Assert.Equal(0.25f, power.At(2));
        Assert.Equal(0.01f, power.At(20));
        Assert.Equal(0.01f, power.At(1_000_000));
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.1, 0.0, 0.0)]
    [InlineData(0.1, 1.1, 0.0)]
    [InlineData(0.1, 0.9, 0.2)]
    public void Constructor_OutOfRange_Throws(double sigma, double decay, double limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MutationPower(sigma, decay, limit));
}
