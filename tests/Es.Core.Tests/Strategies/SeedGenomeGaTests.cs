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

    [Fact]
    public void Tell_DecayingSigma_GenomesHoldOneEntryPerGenerationAndRebuildWithEachGenerationsSigma()
    {
        var sphere = new SphereFunction(5);
        var theta0 = new float[5];
        sphere.Initialize(theta0, 1);
        var power = new MutationPower(0.2, 0.5, 0.03);
        var ga = new SeedGenomeGa(theta0, 12, power, 4, StrategyHarness.Table, StrategyHarness.RunSeed);
        var theta = (float[])theta0.Clone();
        for (int g = 0; g < 4; g++)
        {
            ga.Tell(g, StrategyHarness.Score(ga, g, theta, sphere), theta);
        }

        // Rebuilt independently: entry g is generation g's mutation, scaled by max(0.03, 0.2·0.5^g).
        var elite = (float[])theta0.Clone();
        for (int g = 0; g < ga.Genomes[0].Length; g++)
        {
            if (ga.Genomes[0][g] == SeedGenomeGa.Carried)
            {
                continue;
            }

            float sigma = (float)Math.Max(0.03, 0.2 * Math.Pow(0.5, g));
            var noise = StrategyHarness.Table.Slice(ga.Genomes[0][g], 5);
            for (int j = 0; j < 5; j++)
            {
                elite[j] += sigma * noise[j];
            }
        }

        Assert.All(ga.Genomes, genome => Assert.Equal(4, genome.Length));
        Assert.Equal(elite, theta);
    }

    [Fact]
    public void ExportImport_DecayingSigma_ContinuesWithTheSameBits()
    {
        var sphere = new SphereFunction(6);
        var theta0 = new float[6];
        sphere.Initialize(theta0, 5);
        var power = new MutationPower(0.3, 0.7, 0.01);
        var original = new SeedGenomeGa(theta0, 10, power, 4, StrategyHarness.Table, StrategyHarness.RunSeed);
        var theta = (float[])theta0.Clone();
        for (int g = 0; g < 6; g++)
        {
            original.Tell(g, StrategyHarness.Score(original, g, theta, sphere), theta);
        }

        var restored = new SeedGenomeGa(theta0, 10, power, 4, StrategyHarness.Table, StrategyHarness.RunSeed);
        var restoredTheta = (float[])theta.Clone();
        restored.Import(original.Export(), restoredTheta);
        StrategyHarness.ContinueSideBySide(original, theta, restored, restoredTheta, sphere, 6, 10);

        Assert.Equal(theta, restoredTheta);
    }

    [Fact]
    public void Import_DecayingSigmaWithGenomesOfUnequalLength_Refused()
    {
        var theta0 = new float[4];
        var ga = new SeedGenomeGa(theta0, 10, new MutationPower(0.1, 0.9), 4, StrategyHarness.Table, StrategyHarness.RunSeed);

        var error = Assert.Throws<InvalidDataException>(() => ga.Import(new StrategyState("ga", [], [[SeedGenomeGa.Carried], [SeedGenomeGa.Carried, SeedGenomeGa.Carried]]), theta0));

        Assert.Contains("one entry per generation", error.Message, StringComparison.Ordinal);
    }
}
