using Es.Core.Functions;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class StrategyContractTests
{
    public static TheoryData<string> Names() => [.. StrategyHarness.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Solve_SphereDimension10_ReachesOneThousandth(string name)
    {
        var sphere = new SphereFunction(10);
        var theta0 = new float[10];
        sphere.Initialize(theta0, 3);
        var (strategy, theta) = StrategyHarness.Create(StrategyHarness.Config(name), theta0);

        int generations = StrategyHarness.Solve(strategy, theta, sphere, 1e-3, 3000);

        Assert.True(generations >= 0, $"{name}: f(θ) = {sphere.Evaluate(theta)} after 3000 generations");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ExportImport_MidRun_ContinuesWithTheSameBits(string name)
    {
        var sphere = new SphereFunction(6);
        var theta0 = new float[6];
        sphere.Initialize(theta0, 5);
        var config = StrategyHarness.Config(name, population: 10);
        var (original, theta, optimizer) = StrategyHarness.CreateWithOptimizer(config, theta0);
        for (int g = 0; g < 5; g++)
        {
            original.Tell(g, StrategyHarness.Score(original, g, theta, sphere), theta);
        }

        // A fresh strategy (as a resumed run or a node replica builds it) takes the exported state.
        var (restored, restoredTheta, restoredOptimizer) = StrategyHarness.CreateWithOptimizer(config, theta0);
        theta.CopyTo(restoredTheta, 0);
        restoredOptimizer.Import(optimizer.Export());
        var state = original.Export();
        restored.Import(state, restoredTheta);
        StrategyHarness.ContinueSideBySide(original, theta, restored, restoredTheta, sphere, 5, 10);

        Assert.Equal(theta, restoredTheta);
        Assert.Equal(Serialize(original.Export()), Serialize(restored.Export()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Import_StateOfAnotherStrategy_RefusedNamingBoth(string name)
    {
        var theta0 = new float[4];
        var (strategy, theta) = StrategyHarness.Create(StrategyHarness.Config(name, population: 10), theta0);
        var other = name == "snes" ? "cma-es" : "snes";

        var error = Assert.Throws<InvalidDataException>(() => strategy.Import(StrategyState.Empty(other), theta));

        Assert.Contains(other, error.Message, StringComparison.Ordinal);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Tell_FailedCandidate_LeavesItOutAndStaysFinite(string name)
    {
        var sphere = new SphereFunction(6);
        var theta0 = new float[6];
        sphere.Initialize(theta0, 5);
        var (strategy, theta) = StrategyHarness.Create(StrategyHarness.Config(name, population: 10), theta0);
        var rewards = StrategyHarness.Score(strategy, 0, theta, sphere);
        rewards[3] = double.NaN;

        strategy.Tell(0, rewards, theta);

        Assert.All(theta, t => Assert.True(float.IsFinite(t)));
        Assert.All(strategy.Export().Reals.SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
    }

    private static string Serialize(StrategyState state) =>
        state.Name + "|" + string.Join(";", state.Reals.Select(r => string.Join(",", r.Select(BitConverter.DoubleToInt64Bits))))
        + "|" + string.Join(";", state.Integers.Select(r => string.Join(",", r)));
}
