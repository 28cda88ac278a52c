using Es.Core.Environments;
using Es.Core.Environments.Pendulum;

namespace Es.Core.Tests.Environments.Pendulum;

public class PendulumEnvironmentTests
{
    [Fact]
    public void Spec_Always_MatchesGymnasium()
    {
        EnvironmentSpec spec = new PendulumEnvironment().Spec;

        Assert.Equal("Pendulum-v1", spec.Name);
        Assert.Equal(3, spec.ObservationSize);
        Assert.False(spec.Actions.IsDiscrete);
        Assert.Equal([-2f], spec.Actions.Low);
        Assert.Equal([2f], spec.Actions.High);
        Assert.Equal(200, spec.MaxEpisodeSteps);
        Assert.Equal(-200.0, spec.SolvedThreshold);
    }

    [Fact]
    public void Step_FastSpin_MatchesReferenceTrajectory()
    {
        var environment = new PendulumEnvironment();
        environment.SetState(3.0, 7.5);

        TrajectoryAssert.Replays(environment, PendulumReferenceTrajectories.FastSpin);
    }

    [Fact]
    public void Step_NegativeAngle_MatchesReferenceTrajectory()
    {
        var environment = new PendulumEnvironment();
        environment.SetState(-2.5, -1.0);

        TrajectoryAssert.Replays(environment, PendulumReferenceTrajectories.NegativeAngle);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(7.0, 7.0 - (2 * Math.PI))]
    [InlineData(-4.0, -4.0 + (2 * Math.PI))]
    [InlineData(3 * Math.PI / 2, -Math.PI / 2)]
    [InlineData(-3 * Math.PI / 2, Math.PI / 2)]
    [InlineData(Math.PI, -Math.PI)] // Python: (2π % 2π) − π = −π
    [InlineData(-Math.PI, -Math.PI)]
    public void AngleNormalize_Angle_MatchesPythonFloorModulo(double angle, double expected)
    {
        Assert.Equal(expected, PendulumEnvironment.AngleNormalize(angle), 1e-12);
    }

    [Fact]
    public void Step_TwoHundredStepsOfAnyTorque_NeverTerminates()
    {
        var environment = new PendulumEnvironment();
        var observation = new float[3];
        for (ulong seed = 0; seed < 5; seed++)
        {
            environment.Reset(seed, observation);
            for (int t = 0; t < 200; t++)
            {
                StepResult result = environment.Step([((t % 9) - 4) * 0.75f], observation);
                Assert.False(result.Terminated);
                Assert.InRange(observation[2], -8f, 8f);
            }
        }
    }

    [Fact]
    public void Reset_ManySeeds_StartsWithGymnasiumsDistribution()
    {
        var environment = new PendulumEnvironment();
        var observation = new float[3];
        for (ulong seed = 0; seed < 200; seed++)
        {
            environment.Reset(seed, observation);
            Assert.Equal(1.0, (observation[0] * observation[0]) + (observation[1] * observation[1]), 1e-6);
            Assert.InRange(observation[2], -1f, 1f);
        }
    }
}
