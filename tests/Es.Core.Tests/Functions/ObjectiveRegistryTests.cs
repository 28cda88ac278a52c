using Es.Core.Functions;

namespace Es.Core.Tests.Functions;

public class ObjectiveRegistryTests
{
    [Fact]
    public void Names_ListsAllFunctions()
    {
        Assert.Equal(["quadratic", "sphere", "rastrigin", "rosenbrock", "ackley"], ObjectiveRegistry.Names);
    }

    [Fact]
    public void Create_EachName_ReturnsFunctionWithThatNameAndDimension()
    {
        foreach (string name in ObjectiveRegistry.Names)
        {
            IObjectiveFunction f = ObjectiveRegistry.Create(name, 4);
            Assert.Equal(name, f.Name);
            Assert.Equal(4, f.Dimension);
        }
    }

    [Fact]
    public void Create_IsCaseInsensitive() =>
        Assert.IsType<RastriginFunction>(ObjectiveRegistry.Create("Rastrigin", 2));

    [Fact]
    public void Create_UnknownName_ThrowsListingKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => ObjectiveRegistry.Create("griewank", 3));
        Assert.Contains("griewank", ex.Message, StringComparison.Ordinal);
        foreach (string name in ObjectiveRegistry.Names)
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Create_DimensionBelowMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ObjectiveRegistry.Create("rosenbrock", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ObjectiveRegistry.Create("sphere", 0));
        Assert.Equal(2, ObjectiveRegistry.Create("rosenbrock", 2).Dimension);
    }

    [Fact]
    public void TryCreate_KnownAndUnknown()
    {
        Assert.True(ObjectiveRegistry.TryCreate("ackley", 3, out IObjectiveFunction? f));
        Assert.IsType<AckleyFunction>(f);
        Assert.False(ObjectiveRegistry.TryCreate("nope", 3, out f));
        Assert.Null(f);
        Assert.False(ObjectiveRegistry.TryCreate("rosenbrock", 1, out f));
        Assert.Null(f);
    }
}
