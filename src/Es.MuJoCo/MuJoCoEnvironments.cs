using Es.Core.Environments;
using Es.MuJoCo.Environments;

namespace Es.MuJoCo;

/// <summary>The MuJoCo tasks, added to <see cref="EnvironmentRegistry"/> by the hosts (es-seed, es-node) at start-up.</summary>
public static class MuJoCoEnvironments
{
    /// <summary>The task names, in Gymnasium's order of difficulty.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        InvertedPendulumEnvironment.EnvironmentName,
        InvertedDoublePendulumEnvironment.EnvironmentName,
        SwimmerEnvironment.EnvironmentName,
        HopperEnvironment.EnvironmentName,
        HalfCheetahEnvironment.EnvironmentName,
        Walker2dEnvironment.EnvironmentName,
        AntEnvironment.EnvironmentName,
        HumanoidEnvironment.EnvironmentName,
    ];

    /// <summary>
    /// Registers every task. Nothing native is touched: the library is loaded when the first
    /// environment is created, which fails with one line naming the Debian package if it is missing.
    /// Calling it again is harmless.
    /// </summary>
    public static void Register()
    {
        EnvironmentRegistry.Register(InvertedPendulumEnvironment.EnvironmentName, () => new InvertedPendulumEnvironment());
        EnvironmentRegistry.Register(InvertedDoublePendulumEnvironment.EnvironmentName, () => new InvertedDoublePendulumEnvironment());
        EnvironmentRegistry.Register(SwimmerEnvironment.EnvironmentName, () => new SwimmerEnvironment());
        EnvironmentRegistry.Register(HopperEnvironment.EnvironmentName, () => new HopperEnvironment());
        EnvironmentRegistry.Register(HalfCheetahEnvironment.EnvironmentName, () => new HalfCheetahEnvironment());
        EnvironmentRegistry.Register(Walker2dEnvironment.EnvironmentName, () => new Walker2dEnvironment());
        EnvironmentRegistry.Register(AntEnvironment.EnvironmentName, () => new AntEnvironment());
        EnvironmentRegistry.Register(HumanoidEnvironment.EnvironmentName, () => new HumanoidEnvironment());
    }
}
