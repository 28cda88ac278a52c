using Es.Core.Environments;
using Es.Core.Environments.MountainCar;

namespace Es.Core.Tests.Environments.MountainCar;

public class MountainCarEnvironmentTests
{
    [Fact]
    public void Spec_Always_MatchesGymnasium()
    {
        EnvironmentSpec spec = new MountainCarEnvironment().Spec;

        Assert.Equal("MountainCar-v0", spec.Name);
        Assert.Equal(2, spec.ObservationSize);
        Assert.True(spec.Actions.IsDiscrete);
        Assert.Equal(3, spec.Actions.Count);
        Assert.Equal(200, spec.MaxEpisodeSteps);
        Assert.Equal(-110.0, spec.SolvedThreshold);
    }

    [Fact]
    public void Step_InTheValley_MatchesReferenceTrajectory()
    {
        var environment = new MountainCarEnvironment();
        environment.SetState(-0.5, 0.0);

        TrajectoryAssert.Replays(environment, MountainCarReferenceTrajectories.Valley);
    }

    [Fact]
    public void Step_IntoTheLeftWall_MatchesReferenceTrajectory()
    {
        var environment = new MountainCarEnvironment();
        environment.SetState(-1.1, -0.05);

        TrajectoryAssert.Replays(environment, MountainCarReferenceTrajectories.LeftWall);
    }

    [Fact]
    public void Step_AtTheSpeedLimitToTheGoal_MatchesReferenceTrajectory()
    {
        var environment = new MountainCarEnvironment();
        environment.SetState(-0.6, 0.069);

        TrajectoryAssert.Replays(environment, MountainCarReferenceTrajectories.SpeedLimitToGoal);
    }

    [Fact]
    public void Step_PushingWithTheVelocity_ReachesGoalOnStep124()
    {
        // The reference script: from (−0.5, 0) this policy terminates on step 124.
        var environment = new MountainCarEnvironment();
        environment.SetState(-0.5, 0.0);

        Assert.Equal(124, StepsToGoal(environment, out float[] observation));
        Assert.Equal(0.5349499825655736, observation[0], 1e-6);
        Assert.Equal(0.04819097792866507, observation[1], 1e-6);
    }

    [Fact]
    public void Step_PushingWithTheVelocityFromAnySeed_ReachesGoalWithinTimeLimit()
    {
        var environment = new MountainCarEnvironment();
        for (ulong seed = 0; seed < 20; seed++)
        {
            environment.Reset(seed, new float[2]);
            Assert.InRange(StepsToGoal(environment, out float[] observation), 1, 200);
            Assert.True(observation[0] >= 0.5f);
        }
    }

    [Fact]
    public void Reset_ManySeeds_StartsAtRestBetweenMinusPointSixAndMinusPointFour()
    {
        var environment = new MountainCarEnvironment();
        var observation = new float[2];
        for (ulong seed = 0; seed < 200; seed++)
        {
            environment.Reset(seed, observation);
            Assert.InRange(observation[0], -0.6f, -0.4f);
            Assert.Equal(0f, observation[1]);
        }
    }

    /// <summary>Pushes in the direction of motion (the classic energy-pumping policy).</summary>
    private static int StepsToGoal(MountainCarEnvironment environment, out float[] observation)
    {
        observation = new float[2];
        float velocity = 0f;
        for (int step = 1; step <= 1000; step++)
        {
            StepResult result = environment.Step([velocity >= 0 ? 2f : 0f], observation);
            Assert.Equal(-1.0, result.Reward);
            velocity = observation[1];
            if (result.Terminated)
            {
                return step;
            }
        }

        return -1;
    }
}
