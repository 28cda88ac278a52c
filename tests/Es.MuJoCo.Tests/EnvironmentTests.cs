using Es.Core.Environments;
using Es.MuJoCo.Environments;

namespace Es.MuJoCo.Tests;

/// <summary>The Gymnasium v4 tasks: sizes, reward terms on hand-checked steps, termination, seeded resets.</summary>
public sealed class EnvironmentTests
{
    static EnvironmentTests() => MuJoCoEnvironments.Register();

    public static TheoryData<string, int, int, int, int> GymnasiumSizes() => new()
    {
        // name, nq, nv, nu, observation size: Gymnasium's documented v4 values.
        { "InvertedPendulum-v4", 2, 2, 1, 4 },
        { "InvertedDoublePendulum-v4", 3, 3, 1, 11 },
        { "Swimmer-v4", 5, 5, 2, 8 },
        { "Hopper-v4", 6, 6, 3, 11 },
        { "HalfCheetah-v4", 9, 9, 6, 17 },
        { "Walker2d-v4", 9, 9, 6, 17 },
        { "Ant-v4", 15, 14, 8, 27 },
        { "Humanoid-v4", 24, 23, 17, 376 },
    };

    public static TheoryData<string> Names() => [.. MuJoCoEnvironments.Names];

    [Theory]
    [MemberData(nameof(GymnasiumSizes))]
    public void Create_Task_SizesEqualGymnasiums(string name, int nq, int nv, int nu, int observationSize)
    {
        using var environment = Create(name);

        Assert.Equal((nq, nv, nu), (environment.Simulation.Nq, environment.Simulation.Nv, environment.Simulation.Nu));
        Assert.Equal(observationSize, environment.Spec.ObservationSize);
        Assert.Equal(nu, environment.Spec.Actions.ActionLength);
        Assert.Equal(1000, environment.Spec.MaxEpisodeSteps);
        Assert.Equal(name, environment.Spec.Name);
    }

    [Theory]
    [InlineData("InvertedPendulum-v4", 950.0, 2, 0.04)]
    [InlineData("InvertedDoublePendulum-v4", 9100.0, 5, 0.05)]
    [InlineData("Swimmer-v4", 360.0, 4, 0.04)]
    [InlineData("Hopper-v4", 3800.0, 4, 0.008)]
    [InlineData("HalfCheetah-v4", 4800.0, 5, 0.05)]
    [InlineData("Walker2d-v4", double.PositiveInfinity, 4, 0.008)]
    [InlineData("Ant-v4", 6000.0, 5, 0.05)]
    [InlineData("Humanoid-v4", double.PositiveInfinity, 5, 0.015)]
    public void Create_Task_ThresholdFrameSkipAndDtAreGymnasiums(string name, double threshold, int frameSkip, double dt)
    {
        using var environment = Create(name);

        Assert.Equal(threshold, environment.Spec.SolvedThreshold);
        Assert.Equal(frameSkip, environment.FrameSkip);
        Assert.Equal(dt, environment.Dt, 12);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Actions_Task_BoundsAreTheCtrlRange(string name)
    {
        using var environment = Create(name);
        var range = environment.Simulation.ActuatorCtrlRange;

        for (int i = 0; i < environment.Simulation.Nu; i++)
        {
            Assert.Equal((float)range[2 * i], environment.Spec.Actions.Low[i]);
            Assert.Equal((float)range[(2 * i) + 1], environment.Spec.Actions.High[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Reset_SameSeed_SameObservationAcrossInstances(string name)
    {
        using var first = Create(name);
        using var second = Create(name);
        var a = new float[first.Spec.ObservationSize];
        var b = new float[first.Spec.ObservationSize];

        first.Reset(42, a);
        first.Step(new float[first.Spec.Actions.ActionLength], a); // state left behind must not leak into the next reset
        first.Reset(42, a);
        second.Reset(42, b);

        Assert.Equal(a, b);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Reset_DifferentSeeds_DifferentInitialStates(string name)
    {
        using var environment = Create(name);
        var a = new float[environment.Spec.ObservationSize];
        var b = new float[environment.Spec.ObservationSize];

        environment.Reset(1, a);
        environment.Reset(2, b);

        Assert.NotEqual(a, b);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Reset_Seed_NoiseWithinGymnasiumsScale(string name)
    {
        using var environment = Create(name);
        var sim = environment.Simulation;
        double scale = name switch
        {
            "InvertedPendulum-v4" or "Humanoid-v4" => 0.01,
            "Hopper-v4" or "Walker2d-v4" => 5e-3,
            _ => 0.1,
        };

        environment.Reset(7, new float[environment.Spec.ObservationSize]);

        for (int i = 0; i < sim.Nq; i++)
        {
            Assert.InRange(sim.Qpos[i] - sim.Qpos0[i], -scale, scale);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_Task_SameSeedAndActionsSameTrajectory(string name)
    {
        var a = Rollout(name, seed: 5);
        var b = Rollout(name, seed: 5);

        Assert.Equal(a, b);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_Task_AllocatesNothing(string name)
    {
        using var environment = Create(name);
        var observation = new float[environment.Spec.ObservationSize];
        var action = new float[environment.Spec.Actions.ActionLength];
        environment.Reset(3, observation);
        environment.Step(action, observation);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 200; t++)
        {
            action.AsSpan().Fill(t % 2 == 0 ? 0.3f : -0.3f);
            if (environment.Step(action, observation).Terminated)
            {
                environment.Reset((ulong)t, observation);
            }
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Step_ActionOutsideCtrlRange_IsClipped()
    {
        using var environment = Create("Hopper-v4");
        var observation = new float[11];
        environment.Reset(1, observation);

        environment.Step([5f, -5f, 0.5f], observation);

        Assert.Equal([1.0, -1.0, 0.5], environment.Simulation.Ctrl.ToArray());
        Assert.Equal(1e-3 * (1 + 1 + 0.25), environment.LastTerms.ControlCost, 12);
    }

    [Fact]
    public void Step_Hopper_RewardIsForwardPlusHealthyMinusControl()
    {
        using var environment = Create("Hopper-v4");
        var observation = new float[11];
        environment.Reset(11, observation);
        double x0 = environment.Simulation.Qpos[0];

        var result = environment.Step([0.5f, -0.25f, 1f], observation);

        double x1 = environment.Simulation.Qpos[0];
        double expected = ((x1 - x0) / 0.008) + 1.0 - (1e-3 * (0.25 + 0.0625 + 1.0));
        Assert.Equal(expected, result.Reward, 12);
        Assert.Equal((x1 - x0) / 0.008, environment.LastTerms.Forward, 12);
        Assert.Equal(1.0, environment.LastTerms.Healthy);
        Assert.False(result.Terminated);
        // Observation: qpos[1:] then qvel clipped to ±10.
        Assert.Equal((float)environment.Simulation.Qpos[1], observation[0]);
        Assert.Equal((float)Math.Clamp(environment.Simulation.Qvel[5], -10, 10), observation[10]);
    }

    [Fact]
    public void Step_HopperFallen_TerminatesWithHealthyRewardStillPaid()
    {
        using var environment = Create("Hopper-v4");
        var observation = new float[11];
        environment.Reset(1, observation);
        StepResult result = default;
        int steps = 0;
        while (!result.Terminated && steps < 1000)
        {
            result = environment.Step([1f, 1f, 1f], observation);
            steps++;
        }

        Assert.True(result.Terminated);
        Assert.False(((HopperEnvironment)environment).IsHealthy);
        var q = environment.Simulation.Qpos;
        Assert.True(q[1] <= 0.7 || Math.Abs(q[2]) >= 0.2, $"z {q[1]}, angle {q[2]}");
        Assert.Equal(1.0, environment.LastTerms.Healthy); // v4 pays it whenever terminate_when_unhealthy
    }

    [Fact]
    public void Step_HalfCheetah_RewardIsForwardMinusControl()
    {
        using var environment = Create("HalfCheetah-v4");
        var observation = new float[17];
        environment.Reset(3, observation);
        double x0 = environment.Simulation.Qpos[0];
        float[] action = [0.5f, -0.5f, 0.1f, 0.2f, -0.3f, 1f];

        var result = environment.Step(action, observation);

        double x1 = environment.Simulation.Qpos[0];
        double control = 0.1 * action.Sum(a => (double)a * a);
        Assert.Equal(((x1 - x0) / 0.05) - control, result.Reward, 12);
        Assert.False(result.Terminated);
        Assert.Equal((float)environment.Simulation.Qvel[8], observation[16]); // HalfCheetah does not clip qvel
    }

    [Fact]
    public void Step_Swimmer_RewardIsForwardMinusControl()
    {
        using var environment = Create("Swimmer-v4");
        var observation = new float[8];
        environment.Reset(3, observation);
        double x0 = environment.Simulation.Qpos[0];

        var result = environment.Step([1f, -1f], observation);

        double x1 = environment.Simulation.Qpos[0];
        Assert.Equal(((x1 - x0) / 0.04) - (1e-4 * 2), result.Reward, 12);
        Assert.Equal((float)environment.Simulation.Qpos[2], observation[0]);
    }

    [Fact]
    public void Step_Ant_RewardUsesTheTorsoFramesXVelocity()
    {
        using var environment = Create("Ant-v4");
        var observation = new float[27];
        environment.Reset(3, observation);
        int torso = environment.Simulation.BodyId("torso");
        double x0 = environment.Simulation.Xpos[3 * torso];
        float[] action = [0.5f, -0.5f, 0.5f, -0.5f, 0.5f, -0.5f, 0.5f, -0.5f];

        var result = environment.Step(action, observation);

        double x1 = environment.Simulation.Xpos[3 * torso];
        Assert.Equal(((x1 - x0) / 0.05) + 1.0 - (0.5 * 8 * 0.25), result.Reward, 12);
        Assert.False(result.Terminated);
        Assert.Equal((float)environment.Simulation.Qpos[2], observation[0]); // torso z first
    }

    [Fact]
    public void Step_Humanoid_RewardUsesTheCentreOfMassAndObservationEndsWithContactForces()
    {
        using var environment = Create("Humanoid-v4");
        var humanoid = (HumanoidEnvironment)environment;
        var sim = environment.Simulation;
        var observation = new float[376];
        environment.Reset(3, observation);
        Assert.All(observation[^84..], f => Assert.Equal(0f, f)); // no contact forces computed at reset
        double x0 = humanoid.MassCenterX;
        var action = Enumerable.Repeat(0.2f, 17).ToArray();

        var result = environment.Step(action, observation);

        double expectedX = 0;
        double mass = 0;
        for (int b = 0; b < sim.Nbody; b++)
        {
            expectedX += sim.BodyMass[b] * sim.Xipos[3 * b];
            mass += sim.BodyMass[b];
        }

        expectedX /= mass;
        Assert.Equal(expectedX, humanoid.MassCenterX, 12);
        double a = 0.2f;
        Assert.Equal((1.25 * (expectedX - x0) / 0.015) + 5.0 - (0.1 * 17 * a * a), result.Reward, 12);
        Assert.Equal((float)sim.Cinert[10], observation[45 + 10]); // cinert starts after qpos[2:] (22) and qvel (23)
        Assert.Equal((float)sim.CfrcExt[^1], observation[^1]);
        Assert.False(result.Terminated);
    }

    [Fact]
    public void Step_HumanoidStanding_FeetTouchTheFloorWithinASecond()
    {
        using var environment = Create("Humanoid-v4");
        var observation = new float[376];
        environment.Reset(1, observation);
        var action = new float[17];
        bool contact = false;
        for (int t = 0; t < 60 && !contact; t++)
        {
            environment.Step(action, observation);
            contact = observation[^84..].Any(f => Math.Abs(f) > 1);
        }

        Assert.True(contact, "no contact force within 0.9 s of falling from 1.4 m");
    }

    [Fact]
    public void Step_InvertedDoublePendulum_RewardFromTheTipSiteAndHingeVelocities()
    {
        using var environment = Create("InvertedDoublePendulum-v4");
        var observation = new float[11];
        environment.Reset(9, observation);

        var result = environment.Step([0.3f], observation);

        var sim = environment.Simulation;
        int tip = sim.SiteId("tip");
        double x = sim.SiteXpos[3 * tip], y = sim.SiteXpos[(3 * tip) + 2];
        double expected = 10 - ((0.01 * x * x) + ((y - 2) * (y - 2))) - ((1e-3 * sim.Qvel[1] * sim.Qvel[1]) + (5e-3 * sim.Qvel[2] * sim.Qvel[2]));
        Assert.Equal(expected, result.Reward, 12);
        Assert.InRange(y, 1.15, 1.2); // both poles nearly upright: the tip 1.2 m above the rail
        Assert.False(result.Terminated);
        Assert.Equal((float)Math.Sin(sim.Qpos[1]), observation[1]);
        Assert.Equal((float)Math.Cos(sim.Qpos[2]), observation[4]);
    }

    [Fact]
    public void Step_InvertedPendulumUncontrolled_FallsPastTheLimitAndTerminates()
    {
        using var environment = Create("InvertedPendulum-v4");
        var observation = new float[4];
        environment.Reset(4, observation);
        int steps = 0;
        double total = 0;
        StepResult result = default;
        while (!result.Terminated && steps < 1000)
        {
            result = environment.Step([0f], observation);
            total += result.Reward;
            steps++;
        }

        Assert.True(result.Terminated);
        Assert.True(Math.Abs(observation[1]) > 0.2);
        Assert.Equal(steps, total); // one per step, the terminating one included
        Assert.InRange(steps, 2, 200);
    }

    [Fact]
    public void Register_Twice_NamesListedOnceAfterTheBuiltIns()
    {
        MuJoCoEnvironments.Register();
        MuJoCoEnvironments.Register();

        var names = EnvironmentRegistry.Names;
        Assert.Equal("CartPole-v1", names[0]);
        Assert.Equal(MuJoCoEnvironments.Names, names.Skip(names.Count - MuJoCoEnvironments.Names.Count));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Register_BuiltInName_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Register("cartpole-v1", () => new InvertedPendulumEnvironment()));

        Assert.Contains("built-in", e.Message, StringComparison.Ordinal);
        Assert.IsNotType<InvertedPendulumEnvironment>(EnvironmentRegistry.Create("CartPole-v1"));
    }

    [Fact]
    public void Create_CaseInsensitiveName_FindsTheRegisteredTask()
    {
        using var environment = (MuJoCoEnvironment)EnvironmentRegistry.Create("hopper-v4");

        Assert.Equal("Hopper-v4", environment.Spec.Name);
    }

    private static MuJoCoEnvironment Create(string name) => (MuJoCoEnvironment)EnvironmentRegistry.Create(name);

    private static float[] Rollout(string name, ulong seed)
    {
        using var environment = Create(name);
        var observation = new float[environment.Spec.ObservationSize];
        var action = new float[environment.Spec.Actions.ActionLength];
        var trace = new List<float>();
        environment.Reset(seed, observation);
        for (int t = 0; t < 50; t++)
        {
            for (int i = 0; i < action.Length; i++)
            {
                action[i] = (float)Math.Sin((0.3 * t) + i);
            }

            var result = environment.Step(action, observation);
            trace.AddRange(observation);
            trace.Add((float)result.Reward);
            if (result.Terminated)
            {
                break;
            }
        }

        return [.. trace];
    }
}
