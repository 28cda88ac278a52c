using Es.Core.Environments;
using Es.Core.Environments.Acrobot;

namespace Es.Core.Tests.Environments.Acrobot;

public class AcrobotEnvironmentTests
{
    [Fact]
    public void Spec_Always_MatchesGymnasium()
    {
        EnvironmentSpec spec = new AcrobotEnvironment().Spec;

        Assert.Equal("Acrobot-v1", spec.Name);
        Assert.Equal(6, spec.ObservationSize);
        Assert.True(spec.Actions.IsDiscrete);
        Assert.Equal(3, spec.Actions.Count);
        Assert.Equal(500, spec.MaxEpisodeSteps);
        Assert.Equal(-100.0, spec.SolvedThreshold);
    }

    [Fact]
    public void Step_GentleSwing_MatchesReferenceTrajectory()
    {
        var environment = new AcrobotEnvironment();
        environment.SetState(0.05, -0.08, 0.3, -0.2);

        TrajectoryAssert.Replays(environment, AcrobotReferenceTrajectories.Gentle);
    }

    [Fact]
    public void Step_FastSpin_WrapsClipsAndTerminatesLikeReference()
    {
        var environment = new AcrobotEnvironment();
        environment.SetState(3.0, -2.9, 12.0, -27.0);

        TrajectoryAssert.Replays(environment, AcrobotReferenceTrajectories.Fast);
    }

    [Fact]
    public void Step_VelocitiesBeyondLimits_ClippedToFourPiAndNinePi()
    {
        var environment = new AcrobotEnvironment();
        environment.SetState(0.0, 0.0, 100.0, -100.0);
        var observation = new float[6];

        environment.Step([1f], observation);

        // Far beyond the limits, where RK4 lands is wild; only its clipped magnitude is sure.
        Assert.Equal((float)(4 * Math.PI), Math.Abs(observation[4]));
        Assert.Equal((float)(9 * Math.PI), Math.Abs(observation[5]));
    }

    [Fact]
    public void Step_TipAboveLine_TerminatesWithZeroReward()
    {
        // Hanging straight up (θ1 = π) is terminal: −cos π − cos(π + 0) = 2 > 1.
        var environment = new AcrobotEnvironment();
        environment.SetState(Math.PI, 0.0, 0.0, 0.0);

        Assert.Equal(new StepResult(0.0, true), environment.Step([1f], new float[6]));
    }

    [Fact]
    public void Step_HangingAtRest_RewardMinusOneAndStaysPut()
    {
        // cos(−π/2) is 6e-17, not 0, in floating point: "stays put" means within 1e-12.
        var environment = new AcrobotEnvironment();
        environment.SetState(0.0, 0.0, 0.0, 0.0);
        var observation = new float[6];

        Assert.Equal(new StepResult(-1.0, false), environment.Step([1f], observation));
        float[] hanging = [1f, 0f, 1f, 0f, 0f, 0f];
        for (int i = 0; i < hanging.Length; i++)
        {
            Assert.Equal(hanging[i], observation[i], 1e-12);
        }
    }

    [Fact]
    public void Wrap_AngleOutsideRange_ShiftsByWholeTurns()
    {
        Assert.Equal(3.5 - (2 * Math.PI), AcrobotDynamics.Wrap(3.5, -Math.PI, Math.PI), 1e-12);
        Assert.Equal(-10.0 + (4 * Math.PI), AcrobotDynamics.Wrap(-10.0, -Math.PI, Math.PI), 1e-12);
        Assert.Equal(Math.PI, AcrobotDynamics.Wrap(Math.PI, -Math.PI, Math.PI));
    }

    [Fact]
    public void Reset_ManySeeds_StartsWithinATenthOfHanging()
    {
        var environment = new AcrobotEnvironment();
        var observation = new float[6];
        for (ulong seed = 0; seed < 200; seed++)
        {
            environment.Reset(seed, observation);
            Assert.InRange(observation[0], (float)Math.Cos(0.1), 1f);
            Assert.InRange(observation[1], (float)-Math.Sin(0.1), (float)Math.Sin(0.1));
            Assert.InRange(observation[2], (float)Math.Cos(0.1), 1f);
            Assert.InRange(observation[3], (float)-Math.Sin(0.1), (float)Math.Sin(0.1));
            Assert.InRange(observation[4], -0.1f, 0.1f);
            Assert.InRange(observation[5], -0.1f, 0.1f);
        }
    }
}
