using Es.Core.Environments;
using Es.Core.Environments.MountainCar;

namespace Es.Core.Tests.Environments.MountainCar;

public class MountainCarContinuousEnvironmentTests
{
    [Fact]
    public void Spec_Always_MatchesGymnasium()
    {
        EnvironmentSpec spec = new MountainCarContinuousEnvironment().Spec;

        Assert.Equal("MountainCarContinuous-v0", spec.Name);
        Assert.Equal(2, spec.ObservationSize);
        Assert.False(spec.Actions.IsDiscrete);
        Assert.Equal([-1f], spec.Actions.Low);
        Assert.Equal([1f], spec.Actions.High);
        Assert.Equal(999, spec.MaxEpisodeSteps);
        Assert.Equal(90.0, spec.SolvedThreshold);
    }

    [Fact]
    public void Step_InTheValley_MatchesReferenceTrajectory()
    {
        var environment = new MountainCarContinuousEnvironment();
        environment.SetState(-0.5, 0.0);

        TrajectoryAssert.Replays(environment, MountainCarContinuousReferenceTrajectories.Valley);
    }

    [Fact]
    public void Step_NearTheGoal_MatchesReferenceTrajectory()
    {
        var environment = new MountainCarContinuousEnvironment();
        environment.SetState(0.35, 0.03);

        TrajectoryAssert.Replays(environment, MountainCarContinuousReferenceTrajectories.Goal);
    }

    [Fact]
    public void Step_ActionBeyondBound_MovesLikeTheBoundButPaysTheRawPenalty()
    {
        var clipped = new MountainCarContinuousEnvironment();
        var bounded = new MountainCarContinuousEnvironment();
        clipped.SetState(-0.5, 0.01);
        bounded.SetState(-0.5, 0.01);
        var clippedObservation = new float[2];
        var boundedObservation = new float[2];

        StepResult clippedResult = clipped.Step([3f], clippedObservation);
        StepResult boundedResult = bounded.Step([1f], boundedObservation);

        Assert.Equal(boundedObservation, clippedObservation);
        Assert.Equal(-0.1, boundedResult.Reward, 1e-12);
        Assert.Equal(-0.9, clippedResult.Reward, 1e-12); // Gymnasium: −0.1 · action[0]², unclipped
    }

    [Fact]
    public void Step_PushingWithTheVelocity_ReachesGoalOnStep106WithBonus()
    {
        // The reference script: from (−0.5, 0) this policy terminates on step 106.
        var environment = new MountainCarContinuousEnvironment();
        environment.SetState(-0.5, 0.0);
        var observation = new float[2];
        float velocity = 0f;
        double totalReward = 0.0;

        int step = 0;
        StepResult result;
        do
        {
            step++;
            result = environment.Step([velocity >= 0 ? 1f : -1f], observation);
            totalReward += result.Reward;
            velocity = observation[1];
        }
        while (!result.Terminated && step < 999);

        Assert.Equal(106, step);
        Assert.Equal(100.0 - 0.1, result.Reward, 1e-12);
        Assert.Equal(100.0 - (0.1 * 106), totalReward, 1e-9);
        Assert.Equal(0.5020867242469916, observation[0], 1e-6);
        Assert.Equal(0.0640476772616329, observation[1], 1e-6);
    }

    [Fact]
    public void Reset_ManySeeds_StartsAtRestBetweenMinusPointSixAndMinusPointFour()
    {
        var environment = new MountainCarContinuousEnvironment();
        var observation = new float[2];
        for (ulong seed = 0; seed < 200; seed++)
        {
            environment.Reset(seed, observation);
            Assert.InRange(observation[0], -0.6f, -0.4f);
            Assert.Equal(0f, observation[1]);
        }
    }
}
