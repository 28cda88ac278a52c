using Es.Core.Environments;
using Es.Core.Environments.CartPole;

namespace Es.Core.Tests.Environments.CartPole;

public class CartPoleEnvironmentTests
{
    [Fact]
    public void Spec_Always_MatchesGymnasium()
    {
        EnvironmentSpec spec = new CartPoleEnvironment().Spec;

        Assert.Equal("CartPole-v1", spec.Name);
        Assert.Equal(4, spec.ObservationSize);
        Assert.True(spec.Actions.IsDiscrete);
        Assert.Equal(2, spec.Actions.Count);
        Assert.Equal(500, spec.MaxEpisodeSteps);
        Assert.Equal(475.0, spec.SolvedThreshold);
    }

    [Fact]
    public void Step_FromKnownState_MatchesReferenceTrajectory()
    {
        var environment = new CartPoleEnvironment();
        environment.SetState(0.01, -0.02, 0.03, 0.04);

        TrajectoryAssert.Replays(environment, CartPoleReferenceTrajectories.Balancing);
    }

    [Fact]
    public void Step_PoleTiltedAndPushedTheOtherWay_FallsOnThirdStepWithRewardOne()
    {
        // The reference script: from (0, 0, 0.2, 0) pushing left, θ passes 12° on step 3.
        var environment = new CartPoleEnvironment();
        environment.SetState(0.0, 0.0, 0.2, 0.0);
        var observation = new float[4];

        for (int step = 1; step <= 2; step++)
        {
            Assert.Equal(new StepResult(1.0, false), environment.Step([0f], observation));
        }

        Assert.Equal(new StepResult(1.0, true), environment.Step([0f], observation));
        Assert.Equal(0.22091079819315118, observation[2], 1e-6);
        Assert.True(observation[2] > 12 * Math.PI / 180);
    }

    [Fact]
    public void Step_CartBeyondTrack_Terminates()
    {
        var environment = new CartPoleEnvironment();
        environment.SetState(2.399, 1.0, 0.0, 0.0); // x = 2.399 + 0.02 * 1.0 > 2.4

        Assert.True(environment.Step([1f], new float[4]).Terminated);
    }

    [Fact]
    public void Reset_ManySeeds_StartsUniformlyWithinFiveHundredths()
    {
        var environment = new CartPoleEnvironment();
        var observation = new float[4];
        for (ulong seed = 0; seed < 200; seed++)
        {
            environment.Reset(seed, observation);
            foreach (float value in observation)
            {
                Assert.InRange(value, -0.05f, 0.05f);
            }
        }
    }
}
