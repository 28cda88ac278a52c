using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

public class EnvironmentRegistryTests
{
    [Fact]
    public void Names_Always_ListsTheSixTasksInOrder()
    {
        Assert.Equal(
            ["CartPole-v1", "Pendulum-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Catch"],
            EnvironmentRegistry.Names);
    }

    [Theory]
    [MemberData(nameof(EnvironmentTheoryData.Names), MemberType = typeof(EnvironmentTheoryData))]
    public void Create_KnownName_SpecNameEqualsName(string name)
    {
        IEnvironment environment = EnvironmentRegistry.Create(name);

        Assert.Equal(name, environment.Spec.Name);
    }

    [Theory]
    [MemberData(nameof(EnvironmentTheoryData.Names), MemberType = typeof(EnvironmentTheoryData))]
    public void TryCreate_KnownName_ReturnsFreshInstance(string name)
    {
        Assert.True(EnvironmentRegistry.TryCreate(name, out var first));
        Assert.True(EnvironmentRegistry.TryCreate(name, out var second));

        Assert.NotSame(first, second);
        Assert.Equal(name, first.Spec.Name);
    }

    [Theory]
    [InlineData("cartpole-v1", "CartPole-v1")]
    [InlineData("MOUNTAINCARCONTINUOUS-V0", "MountainCarContinuous-v0")]
    [InlineData("catch", "Catch")]
    public void TryCreate_DifferentCase_CreatesCanonicalEnvironment(string name, string canonical)
    {
        Assert.True(EnvironmentRegistry.TryCreate(name, out var environment));
        Assert.Equal(canonical, environment.Spec.Name);
    }

    [Theory]
    [InlineData("CartPole-v0")]
    [InlineData("")]
    [InlineData(null)]
    public void TryCreate_UnknownName_ReturnsFalse(string? name)
    {
        Assert.False(EnvironmentRegistry.TryCreate(name, out var environment));
        Assert.Null(environment);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingKnownNames()
    {
        var exception = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Create("LunarLander-v3"));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("LunarLander-v3", exception.Message, StringComparison.Ordinal);
        foreach (string known in EnvironmentRegistry.Names)
        {
            Assert.Contains(known, exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Create_NullName_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => EnvironmentRegistry.Create(null!));
    }
}
