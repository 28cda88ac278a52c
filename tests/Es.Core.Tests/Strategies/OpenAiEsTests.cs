using Es.Core.Noise;
using Es.Core.Optimizers;
using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class OpenAiEsTests
{
    private const ulong RunSeed = 2017;
    private static readonly NoiseTable Table = new(1 << 22, 123);

    [Theory]
    [InlineData(FitnessShaping.Raw)]
    [InlineData(FitnessShaping.CenteredRanks)]
    [InlineData(FitnessShaping.ZScore)]
    public void ComputeGradient_QuadraticDimension100Population10000_CosineWithTrueGradientAbove09(FitnessShaping shaping)
    {
        // f(θ) = −|θ − t|², true gradient −2(θ − t). With 5000 antithetic pairs in 100
        // dimensions the estimate's relative error is about sqrt(100/5000) ≈ 0.14.
        const int dimension = 100, population = 10_000;
        const double sigma = 0.01;
        var random = new DeterministicRandom(1);
        float[] theta = Enumerable.Range(0, dimension).Select(_ => (float)random.Uniform(-1, 1)).ToArray();
        float[] target = Enumerable.Range(0, dimension).Select(_ => (float)random.Uniform(-1, 1)).ToArray();
        var (rewards, offsets) = Evaluate(theta, target, population, sigma, generation: 0);

        var es = new OpenAiEs(Table, dimension, population, sigma, shaping);
        var gradient = new float[dimension];
        es.ComputeGradient(rewards, offsets, gradient);

        double[] truth = theta.Zip(target, (a, b) => -2.0 * (a - b)).ToArray();
        Assert.True(Cosine(gradient, truth) > 0.9, $"cosine {Cosine(gradient, truth)}");
        if (shaping == FitnessShaping.Raw)
        {
            // Raw shaping with 1/(nσ) is an unbiased estimate of the gradient itself, not just its direction.
            double ratio = Norm(gradient) / Math.Sqrt(truth.Sum(x => x * x));
            Assert.InRange(ratio, 0.9, 1.2);
        }
    }

    [Fact]
    public void Update_AdamOnQuadratic_ApproachesTarget()
    {
        const int dimension = 10, population = 100;
        const double sigma = 0.05;
        var random = new DeterministicRandom(2);
        float[] theta = new float[dimension];
        float[] target = Enumerable.Range(0, dimension).Select(_ => (float)random.Uniform(-1, 1)).ToArray();
        var es = new OpenAiEs(Table, dimension, population, sigma, FitnessShaping.CenteredRanks, l2Coefficient: 0);
        var adam = new Adam(dimension, learningRate: 0.02);
        double start = Distance(theta, target);
        for (int generation = 0; generation < 200; generation++)
        {
            var (rewards, offsets) = Evaluate(theta, target, population, sigma, generation);
            es.Update(theta, adam, rewards, offsets);
        }

        Assert.True(Distance(theta, target) < 0.1 * start, $"distance {Distance(theta, target)} from {start}");
    }

    [Fact]
    public void Update_PlainSgd_StepsAgainstMinusGradientPlusWeightDecay()
    {
        // Momentum 0 makes the optimizer θ ← θ − lr·(−g + l2·θ), checkable by hand.
        const int dimension = 37, population = 20;
        const double l2 = 0.005, lr = 0.1;
        var random = new DeterministicRandom(3);
        float[] theta = Enumerable.Range(0, dimension).Select(_ => (float)random.Uniform(-1, 1)).ToArray();
        double[] rewards = Enumerable.Range(0, population).Select(_ => random.Uniform(0, 10)).ToArray();
        int[] offsets = Enumerable.Range(0, population / 2).Select(k => CandidateSeeds.NoiseOffset(RunSeed, new CandidateName(0, 2 * k), Table, dimension)).ToArray();
        var es = new OpenAiEs(Table, dimension, population, 0.02, FitnessShaping.CenteredRanks, l2);
        var gradient = new float[dimension];
        es.ComputeGradient(rewards, offsets, gradient);

        float[] expected = theta.Select((t, j) => t + (-(float)lr * ((-gradient[j] + ((float)l2 * t)) * 1f))).ToArray();
        es.Update(theta, new SgdMomentum(dimension, lr, momentum: 0), rewards, offsets);
        for (int j = 0; j < dimension; j++)
        {
            Assert.Equal(expected[j], theta[j], 6);
        }

        Assert.Equal(gradient, es.Gradient.ToArray());
    }

    [Fact]
    public void Update_Warm_AllocatesNothing()
    {
        const int dimension = 1000, population = 500;
        var theta = new float[dimension];
        double[] rewards = Enumerable.Range(0, population).Select(i => (double)(i * 7 % 13)).ToArray();
        int[] offsets = Enumerable.Range(0, population / 2).Select(k => k * 100).ToArray();
        var es = new OpenAiEs(Table, dimension, population, 0.02, FitnessShaping.CenteredRanks);
        var adam = new Adam(dimension, 0.01);
        es.Update(theta, adam, rewards, offsets);
        long before = GC.GetAllocatedBytesForCurrentThread();
        es.Update(theta, adam, rewards, offsets);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Constructor_OddPopulationOrBadSigma_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenAiEs(Table, 10, 7, 0.1, FitnessShaping.Raw));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenAiEs(Table, 10, 8, 0, FitnessShaping.Raw));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenAiEs(Table, 10, 8, 0.1, (FitnessShaping)42));
    }

    [Fact]
    public void ComputeGradient_WrongLengths_Throw()
    {
        var es = new OpenAiEs(Table, 10, 8, 0.1, FitnessShaping.Raw);
        Assert.Throws<ArgumentException>(() => es.ComputeGradient(new double[6], new int[4], new float[10]));
        Assert.Throws<ArgumentException>(() => es.ComputeGradient(new double[8], new int[3], new float[10]));
        Assert.Throws<ArgumentException>(() => es.ComputeGradient(new double[8], new int[4], new float[9]));
    }

    // Candidate 2k evaluates θ + σε_k, 2k + 1 evaluates θ − σε_k; rewards in index order.
    private static (double[] Rewards, int[] Offsets) Evaluate(float[] theta, float[] target, int population, double sigma, int generation)
    {
        int dimension = theta.Length;
        var rewards = new double[population];
        var offsets = new int[population / 2];
        for (int index = 0; index < population; index++)
        {
            var name = new CandidateName(generation, index);
            int offset = CandidateSeeds.NoiseOffset(RunSeed, name, Table, dimension);
            offsets[name.PairIndex] = offset;
            var noise = Table.Slice(offset, dimension);
            double reward = 0;
            for (int j = 0; j < dimension; j++)
            {
                float x = theta[j] + (float)(name.Sign * sigma) * noise[j];
                reward -= (x - target[j]) * (double)(x - target[j]);
            }

            rewards[index] = reward;
        }

        return (rewards, offsets);
    }

    private static double Cosine(float[] a, double[] b) =>
        a.Zip(b, (x, y) => x * y).Sum() / (Norm(a) * Math.Sqrt(b.Sum(x => x * x)));

    private static double Norm(float[] a) => Math.Sqrt(a.Sum(x => (double)x * x));

    private static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());
}
