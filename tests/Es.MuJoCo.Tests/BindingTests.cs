using Es.MuJoCo.Environments;
using Es.MuJoCo.Native;

namespace Es.MuJoCo.Tests;

/// <summary>The P/Invoke binding: loading, stepping, and the hard-coded struct offsets against models whose numbers are known.</summary>
public sealed class BindingTests
{
    [Fact]
    public void Load_InvertedPendulum_SizesAndOptionsMatchTheXml()
    {
        using var sim = MuJoCoSimulation.Load(MuJoCoModels.PathOf(InvertedPendulumEnvironment.Model));

        Assert.Equal((2, 2, 1, 0, 3, 2), (sim.Nq, sim.Nv, sim.Nu, sim.Na, sim.Nbody, sim.Njnt));
        Assert.Equal((3, 0), (sim.Ngeom, sim.Nsite)); // rail, cart, cpole
    }

    [Fact]
    public void Load_Models_TimestepAndControlRangeMatchTheXml()
    {
        using var pendulum = MuJoCoSimulation.Load(MuJoCoModels.PathOf(InvertedPendulumEnvironment.Model));
        using var hopper = MuJoCoSimulation.Load(MuJoCoModels.PathOf(HopperEnvironment.Model));

        Assert.Equal(0.02, pendulum.Timestep);
        Assert.Equal([-3.0, 3.0], pendulum.ActuatorCtrlRange.ToArray());
        Assert.Equal([1], pendulum.ActuatorCtrlLimited.ToArray());
        Assert.Equal(0.002, hopper.Timestep);
        Assert.Equal([-1.0, 1.0, -1.0, 1.0, -1.0, 1.0], hopper.ActuatorCtrlRange.ToArray());
    }

    [Fact]
    public void Load_Hopper_Qpos0HoldsTheRootzReference()
    {
        using var hopper = MuJoCoSimulation.Load(MuJoCoModels.PathOf(HopperEnvironment.Model));

        Assert.Equal([0.0, 1.25, 0.0, 0.0, 0.0, 0.0], hopper.Qpos0.ToArray());
    }

    [Fact]
    public void Load_HalfCheetah_BodyMassesSumToSetTotalMass()
    {
        using var cheetah = MuJoCoSimulation.Load(MuJoCoModels.PathOf(HalfCheetahEnvironment.Model));

        Assert.Equal(0.0, cheetah.BodyMass[0]); // the world body
        Assert.Equal(14.0, cheetah.BodyMass.ToArray().Sum(), 9);
    }

    [Fact]
    public void Forward_Hopper_TorsoFrameAtItsXmlPosition()
    {
        using var hopper = MuJoCoSimulation.Load(MuJoCoModels.PathOf(HopperEnvironment.Model));
        hopper.Reset();
        hopper.Forward();

        int torso = hopper.BodyId("torso");
        int foot = hopper.BodyId("foot");

        Assert.Equal([0.0, 0.0, 1.25], hopper.Xpos.Slice(3 * torso, 3).ToArray());
        Assert.Equal(0.1, hopper.Xpos[(3 * foot) + 2], 12);
    }

    [Fact]
    public void Step_InvertedPendulum_TimeAdvancesAndTiltedPoleFalls()
    {
        using var sim = MuJoCoSimulation.Load(MuJoCoModels.PathOf(InvertedPendulumEnvironment.Model));
        sim.Reset();
        sim.Qpos[1] = 0.05;

        sim.Step(10);

        Assert.Equal(10 * 0.02, sim.Time, 12);
        Assert.True(sim.Qpos[1] > 0.05, $"pole angle {sim.Qpos[1]}");
        Assert.True(sim.Qvel[1] > 0, $"pole velocity {sim.Qvel[1]}");
    }

    [Fact]
    public void Step_InvertedPendulum_ControlPushesTheCart()
    {
        using var sim = MuJoCoSimulation.Load(MuJoCoModels.PathOf(InvertedPendulumEnvironment.Model));
        sim.Reset();
        sim.Ctrl[0] = 1.0;

        sim.Step(5);

        Assert.True(sim.Qpos[0] > 0, $"cart x {sim.Qpos[0]}");
        Assert.Equal(100.0, sim.QfrcActuator[0], 9); // gear 100 × ctrl 1 on the slider
    }

    [Fact]
    public void Reset_AfterSteps_RestoresQpos0AndZeroTime()
    {
        using var sim = MuJoCoSimulation.Load(MuJoCoModels.PathOf(HopperEnvironment.Model));
        sim.Reset();
        sim.Ctrl.Fill(0.5);
        sim.Step(50);

        sim.Reset();

        Assert.Equal(sim.Qpos0.ToArray(), sim.Qpos.ToArray());
        Assert.All(sim.Qvel.ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(sim.Ctrl.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal(0.0, sim.Time);
    }

    [Fact]
    public void Step_HopperFalling_ContactForcesAppearAfterRnePostConstraint()
    {
        using var sim = MuJoCoSimulation.Load(MuJoCoModels.PathOf(HopperEnvironment.Model));
        sim.Reset();
        sim.Step(200); // the hopper drops onto the floor and rests on its foot

        sim.RnePostConstraint();

        int foot = sim.BodyId("foot");
        Assert.True(sim.CfrcExt.Slice(6 * foot, 6).ToArray().Any(f => Math.Abs(f) > 1), "no contact force on the foot");
    }

    [Fact]
    public void BodyId_UnknownName_ThrowsNamingTheModel()
    {
        using var sim = MuJoCoSimulation.Load(MuJoCoModels.PathOf(HopperEnvironment.Model));

        var e = Assert.Throws<ArgumentException>(() => sim.BodyId("wing"));

        Assert.Contains("hopper.xml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithTheCompilerMessage()
    {
        var e = Assert.Throws<InvalidDataException>(() => MuJoCoSimulation.Load("/nonexistent/model.xml"));

        Assert.Contains("/nonexistent/model.xml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_MissingLibrary_OneLineNamingTheDebianPackage()
    {
        string? problem = MuJoCoLibrary.Probe("libmujoco-not-installed.so.2.2.2", out var handle);

        Assert.Equal(IntPtr.Zero, handle);
        Assert.NotNull(problem);
        Assert.Contains("apt-get install -y libmujoco2.2.2", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Probe_InstalledLibrary_IsVersion222()
    {
        Assert.Null(MuJoCoLibrary.Probe(MuJoCoLibrary.FileName, out _));
        Assert.True(MuJoCoLibrary.IsAvailable);
    }
}
