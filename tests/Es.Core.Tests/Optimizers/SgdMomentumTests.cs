using Es.Core.Optimizers;
using Es.Core.Randomness;

namespace Es.Core.Tests.Optimizers;

public class SgdMomentumTests
{
    [Fact]
    public void Step_ThreeStepsIn2D_MatchesHandComputation()
    {
        // lr 0.1, μ 0.9, θ0 = (1, −1); gradients (1, −2), (2, 0), (−1, 4). v ← 0.9 v + 0.1 g; θ ← θ − 0.1 v.
        var sgd = new SgdMomentum(2, learningRate: 0.1);
        float[] theta = [1f, -1f];

        // t=1: v = (0.1, −0.2)                                   θ = (1 − 0.01, −1 + 0.02) = (0.99, −0.98)
        sgd.Step(theta, [1f, -2f]);
        Assert.Equal(0.99, theta[0], 6);
        Assert.Equal(-0.98, theta[1], 6);

        // t=2: v = (0.09 + 0.2, −0.18 + 0) = (0.29, −0.18)       θ = (0.99 − 0.029, −0.98 + 0.018) = (0.961, −0.962)
        sgd.Step(theta, [2f, 0f]);
        Assert.Equal(0.961, theta[0], 6);
        Assert.Equal(-0.962, theta[1], 6);

        // t=3: v = (0.261 − 0.1, −0.162 + 0.4) = (0.161, 0.238)  θ = (0.961 − 0.0161, −0.962 − 0.0238) = (0.9449, −0.9858)
        sgd.Step(theta, [-1f, 4f]);
        Assert.Equal(0.9449, theta[0], 6);
        Assert.Equal(-0.9858, theta[1], 6);
        Assert.Equal(3, sgd.StepCount);
    }

    [Fact]
    public void Step_ManyDimensionsWithTails_SameBitsAsScalarReference()
    {
        var random = new DeterministicRandom(6);
        foreach (int dimension in new[] { 1, 7, 8, 9, 17, 33, 1000 })
        {
            var sgd = new SgdMomentum(dimension, 0.05);
            float[] theta = Random(ref random, dimension);
            float[] expected = (float[])theta.Clone();
            float[] v = new float[dimension];
            for (int t = 0; t < 5; t++)
            {
                float[] g = Random(ref random, dimension);
                sgd.Step(theta, g);
                OptimizerReferences.SgdMomentumStep(expected, v, g, 0.05);
            }

            Assert.Equal(expected, theta);
        }
    }

    [Fact]
    public void ExportImport_RoundTrip_SameStateAndNextStep()
    {
        var random = new DeterministicRandom(7);
        var sgd = new SgdMomentum(11, 0.05);
        float[] theta = Random(ref random, 11);
        sgd.Step(theta, Random(ref random, 11));
        var copy = new SgdMomentum(11, 0.05);
        copy.Import(sgd.Export());
        Assert.Equal(sgd.Export().Moments[0], copy.Export().Moments[0]);
        Assert.Equal(1, copy.StepCount);

        float[] g = Random(ref random, 11);
        float[] other = (float[])theta.Clone();
        sgd.Step(theta, g);
        copy.Step(other, g);
        Assert.Equal(theta, other);
    }

    [Fact]
    public void Import_AdamState_Throws()
    {
        var adam = new Adam(4, 0.01);
        Assert.Throws<ArgumentException>(() => new SgdMomentum(4, 0.01).Import(adam.Export()));
    }

    private static float[] Random(ref DeterministicRandom random, int n)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (float)random.Uniform(-1, 1);
        }

        return values;
    }
}
