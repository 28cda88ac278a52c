using Es.Core.Environments;
using Es.MuJoCo.Environments;

namespace Es.MuJoCo.Tests;

/// <summary>
/// Every task's rewards, terminations and observations on fixed-action trajectories against
/// an independent C program over libmujoco (tests/mujoco-reference), which computes them
/// from Gymnasium's published v4 definitions.
/// </summary>
public sealed class ReferenceTrajectoryTests
{
    private const int MaxSteps = 300;

    static ReferenceTrajectoryTests() => MuJoCoEnvironments.Register();

    public static TheoryData<string, int> Trajectories()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in MuJoCoEnvironments.Names)
        {
            data.Add(name, 0);
            data.Add(name, 1);
        }

        return data;
    }

    public static TheoryData<string> TerminatingTasks() =>
    [
        "InvertedPendulum-v4", "InvertedDoublePendulum-v4", "Hopper-v4", "Walker2d-v4", "Ant-v4", "Humanoid-v4",
    ];

    [Theory]
    [MemberData(nameof(Trajectories))]
    public void Step_FixedActions_RewardTerminationAndObservationEqualTheReference(string name, int scenario)
    {
        using var environment = (MuJoCoEnvironment)EnvironmentRegistry.Create(name);
        var reference = ReferenceProgram.Run(name, MuJoCoModels.PathOf(environment.ModelFile), scenario, MaxSteps);
        var observation = new float[environment.Spec.ObservationSize];
        StartFrom(environment, reference);

        Assert.NotEmpty(reference.Steps);
        for (int t = 0; t < reference.Steps.Count; t++)
        {
            var expected = reference.Steps[t];
            var result = environment.Step(expected.Action, observation);

            Assert.True(
                Math.Abs(result.Reward - expected.Reward) <= 1e-9 * Math.Max(1, Math.Abs(expected.Reward)),
                $"{name} step {t}: reward {result.Reward:R}, the reference's {expected.Reward:R}");
            Assert.True(result.Terminated == expected.Terminated, $"{name} step {t}: terminated {result.Terminated}, the reference's {expected.Terminated}");
            Assert.Equal(expected.Observation.Length, environment.Spec.ObservationSize);
            for (int i = 0; i < observation.Length; i++)
            {
                Assert.True(
                    Math.Abs(observation[i] - expected.Observation[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected.Observation[i])),
                    $"{name} step {t}: observation[{i}] {observation[i]:R}, the reference's {expected.Observation[i]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TerminatingTasks))]
    public void Reference_TaskThatCanFail_TerminatesWithinTheTrajectories(string name)
    {
        using var environment = (MuJoCoEnvironment)EnvironmentRegistry.Create(name);
        string model = MuJoCoModels.PathOf(environment.ModelFile);

        // The trajectories above check termination only if some of them reach it.
        var ends = new[] { 0, 1 }.Select(scenario => ReferenceProgram.Run(name, model, scenario, MaxSteps).Steps[^1].Terminated);

        Assert.Contains(true, ends);
    }

    [Theory]
    [InlineData("Swimmer-v4")]
    [InlineData("HalfCheetah-v4")]
    public void Reference_TaskThatNeverTerminates_RunsEveryStep(string name)
    {
        using var environment = (MuJoCoEnvironment)EnvironmentRegistry.Create(name);

        var steps = ReferenceProgram.Run(name, MuJoCoModels.PathOf(environment.ModelFile), 1, MaxSteps).Steps;

        Assert.Equal(MaxSteps, steps.Count);
        Assert.DoesNotContain(steps, step => step.Terminated);
    }

    /// <summary>The reference's initial state, set the way the program sets it: reset, the state written, mj_forward.</summary>
    private static void StartFrom(MuJoCoEnvironment environment, ReferenceTrajectory reference)
    {
        var simulation = environment.Simulation;
        simulation.Reset();
        Assert.Equal(simulation.Nq, reference.Qpos.Length);
        Assert.Equal(simulation.Nv, reference.Qvel.Length);
        reference.Qpos.CopyTo(simulation.Qpos);
        reference.Qvel.CopyTo(simulation.Qvel);
        simulation.Forward();
    }
}
