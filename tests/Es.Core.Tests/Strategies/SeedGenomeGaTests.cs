using Es.Core.Functions;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class SeedGenomeGaTests
{
    [Fact]
    public void Tell_ThreeGenerations_EachParentIsThetaZeroPlusItsGenomesMutations()
    {
        var sphere = new SphereFunction(5);
        var theta0 = new float[5];
        sphere.Initialize(theta0, 1);
        const float sigma = 0.05f;
        var ga = new SeedGenomeGa(theta0, 12, sigma, 4, StrategyHarness.Table, StrategyHarness.RunSeed);
        var theta = (float[])theta0.Clone();
        for (int g = 0; g < 3; g++)
        {
            ga.Tell(g, StrategyHarness.Score(ga, g, theta, sphere), theta);
        }

        // Rebuilt independently: θ₀, then σε for each offset of the elite's genome, in order.
        var elite = (float[])theta0.Clone();
        foreach (int offset in ga.Genomes[0])
        {
            var noise = StrategyHarness.Table.Slice(offset, 5);
            for (int j = 0; j < 5; j++)
            {
                elite[j] += sigma * noise[j];
            }
        }

        Assert.Equal(4, ga.Genomes.Count);
        Assert.InRange(ga.Genomes[0].Length, 1, 3);
        Assert.Equal(elite, theta);
    }

    [Fact]
    public void Tell_EliteStaysBest_CandidateZeroIsThePreviousBestUnchanged()
    {
        var sphere = new SphereFunction(5);
        var theta0 = new float[5];
        sphere.Initialize(theta0, 1);
        var ga = new SeedGenomeGa(theta0, 12, 0.05, 4, StrategyHarness.Table, StrategyHarness.RunSeed);
        var theta = (float[])theta0.Clone();
        ga.Tell(0, StrategyHarness.Score(ga, 0, theta, sphere), theta);

        var candidate = new float[5];
        ga.Ask(1, [.. theta]).Build(new CandidateName(1, 0), candidate);

        Assert.Equal(theta, candidate);
    }
}
