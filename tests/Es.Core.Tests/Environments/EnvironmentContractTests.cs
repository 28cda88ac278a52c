using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

/// <summary>What every environment promises through <see cref="IEnvironment"/>.</summary>
public class EnvironmentContractTests
{
    [Theory]
    [MemberData(nameof(EnvironmentTheoryData.Names), MemberType = typeof(EnvironmentTheoryData))]
    public void Reset_SameSeed_SameInitialObservation(string name)
    {
        var first = Observe(EnvironmentRegistry.Create(name), seed: 12345);
        var again = EnvironmentRegistry.Create(name);
        again.Reset(999, new float[again.Spec.ObservationSize]); // an earlier episode must not matter
        var second = Observe(again, seed: 12345);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("CartPole-v1", 20)]
    [InlineData("Pendulum-v1", 20)]
    [InlineData("Acrobot-v1", 20)]
    [InlineData("MountainCar-v0", 20)]
    [InlineData("MountainCarContinuous-v0", 20)]
    [InlineData("Catch", 5)] // only ten possible starts: the ball's column
    public void Reset_DifferentSeeds_DifferentInitialObservation(string name, int minimumDistinct)
    {
        var environment = EnvironmentRegistry.Create(name);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (ulong seed = 1; seed <= 20; seed++)
        {
            distinct.Add(string.Join(',', Observe(environment, seed)));
        }

        Assert.True(distinct.Count >= minimumDistinct, $"{distinct.Count} distinct starts in 20 seeds");
        Assert.NotEqual(Observe(environment, 1), Observe(environment, 2));
    }

    [Theory]
    [MemberData(nameof(EnvironmentTheoryData.Names), MemberType = typeof(EnvironmentTheoryData))]
    public void Step_ThousandStepsAfterWarmUp_AllocatesNothing(string name)
    {
        var environment = EnvironmentRegistry.Create(name);
        var observation = new float[environment.Spec.ObservationSize];
        var action = new float[environment.Spec.Actions.ActionLength];
        ulong seed = 1;
        environment.Reset(seed, observation);
        Run(environment, action, observation, ref seed, steps: 1000); // warm-up: JIT, static fields

        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(environment, action, observation, ref seed, steps: 1000);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(EnvironmentTheoryData.Names), MemberType = typeof(EnvironmentTheoryData))]
    public void Step_ObservationBufferTooShort_Throws(string name)
    {
        var environment = EnvironmentRegistry.Create(name);
        var observation = new float[environment.Spec.ObservationSize];
        var action = new float[environment.Spec.Actions.ActionLength];
        environment.Reset(7, observation);

        Assert.Throws<ArgumentException>(() => environment.Step(action, new float[environment.Spec.ObservationSize - 1]));
        Assert.Throws<ArgumentException>(() => environment.Reset(7, new float[environment.Spec.ObservationSize - 1]));
    }

    [Theory]
    [InlineData("CartPole-v1", 2f)]
    [InlineData("CartPole-v1", -1f)]
    [InlineData("Acrobot-v1", 3f)]
    [InlineData("MountainCar-v0", 3f)]
    [InlineData("Catch", -1f)]
    public void Step_DiscreteActionOutOfRange_Throws(string name, float index)
    {
        var environment = EnvironmentRegistry.Create(name);
        var observation = new float[environment.Spec.ObservationSize];
        environment.Reset(7, observation);

        Assert.Throws<ArgumentOutOfRangeException>(() => environment.Step([index], observation));
    }

    private static float[] Observe(IEnvironment environment, ulong seed)
    {
        var observation = new float[environment.Spec.ObservationSize];
        environment.Reset(seed, observation);
        return observation;
    }

    /// <summary>Cycles through the actions (or sweeps a continuous range), resetting on termination.</summary>
    private static void Run(IEnvironment environment, float[] action, float[] observation, ref ulong seed, int steps)
    {
        ActionSpace actions = environment.Spec.Actions;
        for (int t = 0; t < steps; t++)
        {
            action[0] = actions.IsDiscrete ? t % actions.Count : ((t % 41) - 20) / 8f;
            if (environment.Step(action, observation).Terminated)
            {
                environment.Reset(++seed, observation);
            }
        }
    }
}
