using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

internal static class TrajectoryAssert
{
    /// <summary>
    /// Observations are floats, so they are held to 1e-6 relative to their size once above
    /// 1 (a float carries about 7 significant digits: Acrobot's 28.27 rad/s is only exact to
    /// ~2e-6 absolute). Rewards are doubles and are held to 1e-6 absolute.
    /// </summary>
    public const double Tolerance = 1e-6;

    /// <summary>Applies every action of <paramref name="trajectory"/> and checks each outcome.</summary>
    public static void Replays(IEnvironment environment, ReferenceTrajectory trajectory)
    {
        int steps = trajectory.Actions.Length;
        Assert.Equal(steps, trajectory.Observations.Length);
        Assert.Equal(steps, trajectory.Rewards.Length);
        Assert.Equal(steps, trajectory.Terminated.Length);

        var observation = new float[environment.Spec.ObservationSize];
        var action = new float[environment.Spec.Actions.ActionLength];
        for (int step = 0; step < steps; step++)
        {
            action[0] = trajectory.Actions[step];
            StepResult result = environment.Step(action, observation);

            double[] expected = trajectory.Observations[step];
            Assert.Equal(expected.Length, observation.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(observation[i] - expected[i]);
                Assert.True(
                    error <= Tolerance * Math.Max(1.0, Math.Abs(expected[i])),
                    $"step {step + 1}, observation[{i}]: expected {expected[i]:R}, got {observation[i]:R}");
            }

            Assert.Equal(trajectory.Rewards[step], result.Reward, Tolerance);
            Assert.True(
                trajectory.Terminated[step] == result.Terminated,
                $"step {step + 1}: expected terminated = {trajectory.Terminated[step]}");
        }
    }
}
