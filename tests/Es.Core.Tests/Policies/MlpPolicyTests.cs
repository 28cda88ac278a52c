using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Randomness;

namespace Es.Core.Tests.Policies;

public class MlpPolicyTests
{
    private static readonly ActionSpace TwoActions = ActionSpace.Discrete(2);
    private static readonly ActionSpace Box = ActionSpace.Box([-2f, 0f, -1f], [2f, 1f, 3f]);

    [Theory]
    [InlineData(4, new int[0], 2, (4 * 2) + 2)]
    [InlineData(4, new[] { 64, 64 }, 2, (4 * 64) + 64 + (64 * 64) + 64 + (64 * 2) + 2)]
    [InlineData(3, new[] { 16 }, 5, (3 * 16) + 16 + (16 * 5) + 5)]
    public void ParameterCount_Shapes_CountsWeightsAndBiases(int observationSize, int[] hidden, int actions, int expected)
    {
        var policy = new MlpPolicy(observationSize, ActionSpace.Discrete(actions), hidden, Activation.Tanh);
        Assert.Equal(expected, policy.ParameterCount);
        Assert.Equal([observationSize, .. hidden, actions], policy.LayerSizes);
    }

    [Theory]
    [InlineData(Activation.Tanh, new[] { 64, 64 })]
    [InlineData(Activation.Relu, new[] { 32, 7 })]
    [InlineData(Activation.Tanh, new int[0])]
    public void Forward_RandomParameters_MatchesDoubleReference(Activation activation, int[] hidden)
    {
        const int ObservationSize = 11;
        var policy = new MlpPolicy(ObservationSize, Box, hidden, activation);
        var rng = new DeterministicRandom(5);
        float[] theta = RandomVector(ref rng, policy.ParameterCount, 0.3);
        for (int trial = 0; trial < 20; trial++)
        {
            float[] observation = RandomVector(ref rng, ObservationSize, 2.0);
            double[] expected = ReferenceForward(policy.LayerSizes, activation, theta, observation);
            float[] actual = policy.Forward(theta, observation).ToArray();
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"output {i}: {expected[i]} vs {actual[i]}");
            }
        }
    }

    [Fact]
    public void Act_Discrete_WritesArgmaxOfReferenceLogits()
    {
        var actions = ActionSpace.Discrete(5);
        var policy = new MlpPolicy(6, actions, [8], Activation.Tanh);
        var rng = new DeterministicRandom(6);
        float[] theta = RandomVector(ref rng, policy.ParameterCount, 1.0);
        var action = new float[1];
        for (int trial = 0; trial < 50; trial++)
        {
            float[] observation = RandomVector(ref rng, 6, 1.0);
            double[] logits = ReferenceForward(policy.LayerSizes, Activation.Tanh, theta, observation);
            policy.Act(theta, observation, action);
            Assert.Equal(Array.IndexOf(logits, logits.Max()), (int)action[0]);
        }
    }

    [Fact]
    public void Act_DiscreteTies_ChoosesLowestIndex()
    {
        // All-zero weights: every logit equals its bias.
        var policy = new MlpPolicy(2, ActionSpace.Discrete(4), [], Activation.Tanh);
        var theta = new float[policy.ParameterCount];
        new[] { 0.1f, 0.7f, 0.7f, 0.7f }.CopyTo(theta, theta.Length - 4);
        var action = new float[1];
        policy.Act(theta, [1f, -1f], action);
        Assert.Equal(1f, action[0]);
    }

    [Fact]
    public void Act_Continuous_SquashesIntoBounds()
    {
        var policy = new MlpPolicy(2, Box, [], Activation.Tanh);
        var theta = new float[policy.ParameterCount];
        new[] { 0f, 100f, -100f }.CopyTo(theta, theta.Length - 3); // biases: middle, saturate high, saturate low
        var action = new float[3];
        policy.Act(theta, [0.3f, 0.4f], action);
        Assert.Equal(0f, action[0]);  // (0+1)/2*4-2
        Assert.Equal(1f, action[1]);  // high
        Assert.Equal(-1f, action[2]); // low
    }

    [Fact]
    public void Act_Continuous_MatchesReferenceSquash()
    {
        var policy = new MlpPolicy(4, Box, [16], Activation.Relu);
        var rng = new DeterministicRandom(7);
        float[] theta = RandomVector(ref rng, policy.ParameterCount, 0.5);
        float[] observation = RandomVector(ref rng, 4, 1.0);
        double[] outputs = ReferenceForward(policy.LayerSizes, Activation.Relu, theta, observation);
        var action = new float[3];
        policy.Act(theta, observation, action);
        for (int i = 0; i < 3; i++)
        {
            double expected = ((Math.Tanh(outputs[i]) + 1) / 2 * (Box.High[i] - Box.Low[i])) + Box.Low[i];
            Assert.Equal(expected, action[i], 1e-4);
            Assert.InRange(action[i], Box.Low[i], Box.High[i]);
        }
    }

    [Fact]
    public void Initialize_SameSeed_SameBits_DifferentSeed_Differs()
    {
        var policy = new MlpPolicy(4, TwoActions, [16, 16], Activation.Tanh);
        var a = new float[policy.ParameterCount];
        var b = new float[policy.ParameterCount];
        var c = new float[policy.ParameterCount];
        policy.Initialize(a, 42);
        policy.Initialize(b, 42);
        policy.Initialize(c, 43);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Initialize_RowNorms_UnitForHiddenAndHundredthForOutput_BiasesZero()
    {
        int[] sizes = [5, 12, 9, 3];
        var policy = new MlpPolicy(5, ActionSpace.Discrete(3), [12, 9], Activation.Tanh);
        var theta = new float[policy.ParameterCount];
        theta.AsSpan().Fill(123f); // Initialize must overwrite everything
        policy.Initialize(theta, 7);

        int offset = 0;
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int inSize = sizes[l];
            int outSize = sizes[l + 1];
            double std = l == sizes.Length - 2 ? 0.01 : 1.0;
            for (int o = 0; o < outSize; o++)
            {
                double norm = Math.Sqrt(theta.Skip(offset + (o * inSize)).Take(inSize).Sum(v => (double)v * v));
                Assert.Equal(std, norm, std * 1e-6);
            }

            offset += inSize * outSize;
            Assert.All(theta.Skip(offset).Take(outSize), v => Assert.Equal(0f, v));
            offset += outSize;
        }

        Assert.Equal(theta.Length, offset);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Act_AfterWarmUp_AllocatesNothing(bool discrete)
    {
        ActionSpace actions = discrete ? TwoActions : Box;
        var policy = new MlpPolicy(4, actions, [64, 64], Activation.Tanh);
        var theta = new float[policy.ParameterCount];
        policy.Initialize(theta, 1);
        float[] observation = [0.1f, -0.2f, 0.3f, -0.4f];
        var action = new float[actions.ActionLength];
        for (int i = 0; i < 100; i++)
        {
            policy.Act(theta, observation, action);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            policy.Act(theta, observation, action);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Act_WrongLengths_Throw()
    {
        var policy = new MlpPolicy(4, TwoActions, [8], Activation.Tanh);
        var theta = new float[policy.ParameterCount];
        Assert.Throws<ArgumentException>(() => policy.Act(theta.AsSpan(1), new float[4], new float[1]));
        Assert.Throws<ArgumentException>(() => policy.Act(theta, new float[3], new float[1]));
        Assert.Throws<ArgumentException>(() => policy.Act(theta, new float[4], new float[2]));
        Assert.Throws<ArgumentException>(() => policy.Initialize(new float[3], 1));
    }

    [Fact]
    public void Constructor_BadShapes_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpPolicy(0, TwoActions, [], Activation.Tanh));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpPolicy(4, TwoActions, [8, 0], Activation.Tanh));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpPolicy(4, TwoActions, [], (Activation)99));
    }

    [Fact]
    public void PolicyFactory_Create_BuildsMlpWithOptions()
    {
        IPolicy policy = PolicyFactory.Create(4, TwoActions, new PolicyOptions([32], Activation.Relu));
        var mlp = Assert.IsType<MlpPolicy>(policy);
        Assert.Equal(Activation.Relu, mlp.Activation);
        Assert.Equal([4, 32, 2], mlp.LayerSizes);
        Assert.Throws<ArgumentNullException>(() => PolicyFactory.Create(4, TwoActions, null!));
    }

    private static float[] RandomVector(ref DeterministicRandom rng, int length, double std)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(rng.NextGaussian() * std);
        }

        return values;
    }

    /// <summary>Straightforward double-precision forward pass over the documented layout.</summary>
    private static double[] ReferenceForward(IReadOnlyList<int> sizes, Activation activation, float[] theta, float[] observation)
    {
        double[] input = observation.Select(v => (double)v).ToArray();
        int offset = 0;
        for (int l = 0; l < sizes.Count - 1; l++)
        {
            int inSize = sizes[l];
            int outSize = sizes[l + 1];
            var output = new double[outSize];
            for (int o = 0; o < outSize; o++)
            {
                double sum = theta[offset + (inSize * outSize) + o];
                for (int i = 0; i < inSize; i++)
                {
                    sum += theta[offset + (o * inSize) + i] * input[i];
                }

                bool hidden = l < sizes.Count - 2;
                output[o] = !hidden ? sum : activation == Activation.Tanh ? Math.Tanh(sum) : Math.Max(sum, 0);
            }

            offset += (inSize * outSize) + outSize;
            input = output;
        }

        return input;
    }
}
