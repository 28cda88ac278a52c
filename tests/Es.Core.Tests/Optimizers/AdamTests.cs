using Es.Core.Optimizers;
using Es.Core.Randomness;

namespace Es.Core.Tests.Optimizers;

public class AdamTests
{
    [Fact]
    public void Step_ThreeStepsIn2D_MatchesHandComputation()
    {
        // lr 0.1, β1 0.9, β2 0.999, ε 1e-8, θ0 = (1, −1); gradients (1, −2), (2, 0), (−1, 4).
        var adam = new Adam(2, learningRate: 0.1);
        float[] theta = [1f, -1f];

        // t=1: a = 0.1·sqrt(1 − 0.999)/(1 − 0.9) = 0.1·0.0316227766/0.1 = 0.0316227766
        //   θ0: m = 0.1·1 = 0.1,      v = 0.001·1 = 0.001,  step = −a·0.1/(0.0316227766 + 1e-8) = −0.0999999684 → 0.9000000316
        //   θ1: m = 0.1·(−2) = −0.2,  v = 0.001·4 = 0.004,  step = −a·(−0.2)/(0.0632455532 + 1e-8) = 0.0999999842 → −0.9000000158
        adam.Step(theta, [1f, -2f]);
        Assert.Equal(0.9000000316, theta[0], 6);
        Assert.Equal(-0.9000000158, theta[1], 6);

        // t=2: a = 0.1·sqrt(1 − 0.999²)/(1 − 0.9²) = 0.1·sqrt(0.001999)/0.19 = 0.1·0.0447101778/0.19 = 0.0235316725
        //   θ0: m = 0.9·0.1 + 0.1·2 = 0.29,      v = 0.999·0.001 + 0.001·4 = 0.004999 (sqrt 0.0707036067)
        //       step = −0.0235316725·0.29/0.0707036167 = −0.0965181889 → 0.8034818427
        //   θ1: m = 0.9·(−0.2) + 0 = −0.18,      v = 0.999·0.004 = 0.003996 (sqrt 0.0632139225)
        //       step = 0.0235316725·0.18/0.0632139325 = 0.0670058148 → −0.8329942010
        adam.Step(theta, [2f, 0f]);
        Assert.Equal(0.8034818427, theta[0], 6);
        Assert.Equal(-0.8329942010, theta[1], 6);

        // t=3: a = 0.1·sqrt(1 − 0.999³)/(1 − 0.9³) = 0.1·sqrt(0.002997001)/0.271 = 0.1·0.0547448719/0.271 = 0.0202010597
        //   θ0: m = 0.9·0.29 + 0.1·(−1) = 0.161,   v = 0.999·0.004999 + 0.001·1 = 0.005994001 (sqrt 0.0774209339)
        //       step = −0.0202010597·0.161/0.0774209439 = −0.0420089249 → 0.7614729178
        //   θ1: m = 0.9·(−0.18) + 0.1·4 = 0.238,   v = 0.999·0.003996 + 0.001·16 = 0.019992004 (sqrt 0.1413930833)
        //       step = −0.0202010597·0.238/0.1413930933 = −0.0340034446 → −0.8669976456
        adam.Step(theta, [-1f, 4f]);
        Assert.Equal(0.7614729178, theta[0], 6);
        Assert.Equal(-0.8669976456, theta[1], 6);
        Assert.Equal(3, adam.StepCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(123457)]
    public void StepSize_AnyStep_MatchesPowFormula(long t)
    {
        var adam = new Adam(1, 0.01);
        double expected = 0.01 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
        Assert.Equal(expected, adam.StepSize(t), 1e-14 * expected);
    }

    [Fact]
    public void Step_ManyDimensionsWithTails_SameBitsAsScalarReference()
    {
        var random = new DeterministicRandom(4);
        foreach (int dimension in new[] { 1, 7, 8, 9, 17, 33, 1000 })
        {
            var adam = new Adam(dimension, 0.05);
            float[] theta = Random(ref random, dimension);
            float[] expected = (float[])theta.Clone();
            float[] m = new float[dimension], v = new float[dimension];
            for (long t = 1; t <= 5; t++)
            {
                float[] g = Random(ref random, dimension);
                adam.Step(theta, g);
                OptimizerReferences.AdamStep(expected, m, v, g, adam.StepSize(t));
            }

            Assert.Equal(expected, theta);
        }
    }

    [Fact]
    public void ExportImport_MidRun_ResumesBitForBit()
    {
        var random = new DeterministicRandom(5);
        float[][] gradients = Enumerable.Range(0, 6).Select(_ => Random(ref random, 19)).ToArray();
        float[] straight = Random(ref random, 19);
        float[] resumed = (float[])straight.Clone();

        var first = new Adam(19, 0.05);
        foreach (var g in gradients)
        {
            first.Step(straight, g);
        }

        var before = new Adam(19, 0.05);
        foreach (var g in gradients[..3])
        {
            before.Step(resumed, g);
        }

        var after = new Adam(19, 0.05);
        after.Import(before.Export());
        foreach (var g in gradients[3..])
        {
            after.Step(resumed, g);
        }

        Assert.Equal(straight, resumed);
        Assert.Equal(6, after.StepCount);
    }

    [Fact]
    public void Import_WrongNameOrShape_Throws()
    {
        var adam = new Adam(3, 0.01);
        Assert.Throws<ArgumentException>(() => adam.Import(new OptimizerState("sgd-momentum", 1, [new float[3], new float[3]])));
        Assert.Throws<ArgumentException>(() => adam.Import(new OptimizerState(Adam.StateName, 1, [new float[3]])));
        Assert.Throws<ArgumentException>(() => adam.Import(new OptimizerState(Adam.StateName, 1, [new float[3], new float[4]])));
    }

    [Fact]
    public void Step_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Adam(3, 0.01).Step(new float[3], new float[2]));
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
