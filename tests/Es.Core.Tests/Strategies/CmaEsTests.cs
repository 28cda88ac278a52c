using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class CmaEsTests
{
    [Fact]
    public void Parameters_Dimension10Population10_HansensDefaults()
    {
        // Table 1 of Hansen's tutorial worked out by hand (pycma prints "(5_w,10) … mu_w=3.2" for the same setting).
        var p = new CmaParameters(10, 10, separable: false);

        Assert.Equal(5, p.Parents);
        Assert.Equal(0.456272646903406, p.Weights[0], 12);
        Assert.Equal(1.0, p.Weights.Sum(), 12);
        Assert.Equal(3.16729928141070, p.EffectiveParents, 12);
        Assert.Equal(0.284428587946367, p.CSigma, 12);
        Assert.Equal(1.284428587946368, p.DSigma, 12);
        Assert.Equal(0.294990383035622, p.CC, 12);
        Assert.Equal(0.015283824524752, p.C1, 12);
        Assert.Equal(0.020154282761208, p.CMu, 12);
    }

    [Fact]
    public void Tell_FirstGeneration_MatchesTheTutorialsUpdateComputedFromTheCandidates()
    {
        // From C = I the update is written out plainly from the evaluated candidates x_i:
        // y_i = (x_i − m)/σ, m' = m + σ Σ w y, p_σ = √(c_σ(2 − c_σ)μ_eff)·y_w (B = I), p_c likewise,
        // C' = (1 − c1 − cμ) I + c1 p_c p_cᵀ + cμ Σ w y yᵀ, σ' = σ·exp(c_σ/d_σ (‖p_σ‖/E‖N‖ − 1)).
        const int d = 4, lambda = 8;
        const double sigma = 0.5;
        float[] theta0 = [1f, -2f, 0.5f, 3f];
        var cma = new CmaEs(theta0, lambda, sigma, StrategyHarness.Table, StrategyHarness.RunSeed);
        var p = new CmaParameters(d, lambda, separable: false);
        var recipe = cma.Ask(0, [.. theta0]);
        var x = new float[lambda][];
        var rewards = new double[lambda];
        for (int i = 0; i < lambda; i++)
        {
            x[i] = new float[d];
            recipe.Build(new Es.Core.Strategies.CandidateName(0, i), x[i]);
            rewards[i] = -x[i].Sum(v => (double)v * v);
        }

        var theta = (float[])theta0.Clone();
        cma.Tell(0, rewards, theta);

        var best = Enumerable.Range(0, lambda).OrderByDescending(i => rewards[i]).Take(p.Parents).ToArray();
        var y = best.Select(i => Enumerable.Range(0, d).Select(j => (x[i][j] - (double)theta0[j]) / sigma).ToArray()).ToArray();
        var yw = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, p.Parents).Sum(k => p.Weights[k] * y[k][j])).ToArray();
        double ps = Math.Sqrt(p.CSigma * (2 - p.CSigma) * p.EffectiveParents);
        double pc = Math.Sqrt(p.CC * (2 - p.CC) * p.EffectiveParents);
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(theta0[j] + (sigma * yw[j]), cma.Mean[j], 5);
        }

        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                double rankMu = Enumerable.Range(0, p.Parents).Sum(k => p.Weights[k] * y[k][r] * y[k][c]);
                double expected = ((r == c ? 1 : 0) * (1 - p.C1 - p.CMu)) + (p.C1 * pc * pc * yw[r] * yw[c]) + (p.CMu * rankMu);
                Assert.Equal(expected, cma.Covariance[(r * d) + c], 5);
            }
        }

        double norm = ps * Math.Sqrt(yw.Sum(v => v * v));
        Assert.Equal(sigma * Math.Exp(p.CSigma / p.DSigma * ((norm / p.ExpectedNorm) - 1)), cma.Sigma, 5);
    }

    [Fact]
    public void Create_MoreParametersThanTheLimit_ConfigErrorNamingTheLimit()
    {
        var config = StrategyHarness.Config("cma-es");
        var error = Assert.Throws<Es.Core.Configuration.ConfigException>(() => StrategyFactory.CheckFits(config, CmaEs.MaxDimension + 1, "c.json"));

        Assert.Contains("2048", error.Message, StringComparison.Ordinal);
        Assert.Contains("sep-cma-es", error.Message, StringComparison.Ordinal);
        StrategyFactory.CheckFits(config, CmaEs.MaxDimension, "c.json"); // at the limit it fits
    }

    [Fact]
    public void StepSizeExp_AgainstMathExp_WithinRounding()
    {
        foreach (double x in new[] { -700, -20.5, -1, -1e-9, 0, 0.3, 1, 5.5, 88, 700 })
        {
            Assert.Equal(1.0, StepSizeMath.Exp(x) / Math.Exp(x), 13);
        }
    }
}
