using Es.Core.Environments;
using Es.Core.Randomness;

namespace Es.MuJoCo.Environments;

/// <summary>
/// Swimmer and HalfCheetah: reward the x velocity of qpos[0] over the step minus a control
/// cost, never terminate; observe qpos without its first <c>excludedPositions</c> elements, then qvel.
/// </summary>
public abstract class ForwardRunnerEnvironment : MuJoCoEnvironment
{
    private readonly double _controlCostWeight;
    private readonly bool _gaussianVelocityNoise;
    private readonly int _excludedPositions;
    private double _xBefore;

    /// <summary>Loads the model.</summary>
    /// <param name="model">The model file under <c>Models/</c>.</param>
    /// <param name="frameSkip">Physics steps per environment step.</param>
    /// <param name="controlCostWeight">The weight of Σ aᵢ².</param>
    /// <param name="gaussianVelocityNoise">Reset qvel with 0.1·N(0, 1) (else U(±0.1), like qpos).</param>
    /// <param name="excludedPositions">Leading qpos elements left out of the observation.</param>
    private protected ForwardRunnerEnvironment(string model, int frameSkip, double controlCostWeight, bool gaussianVelocityNoise, int excludedPositions)
        : base(model, frameSkip)
    {
        _controlCostWeight = controlCostWeight;
        _gaussianVelocityNoise = gaussianVelocityNoise;
        _excludedPositions = excludedPositions;
    }

    /// <inheritdoc/>
    protected override void ResetModel(ref DeterministicRandom random, Span<double> qpos, Span<double> qvel)
    {
        AddUniform(ref random, qpos, 0.1);
        if (_gaussianVelocityNoise)
        {
            AddGaussian(ref random, qvel, 0.1);
        }
        else
        {
            AddUniform(ref random, qvel, 0.1);
        }
    }

    /// <inheritdoc/>
    protected override void BeforeSimulation() => _xBefore = Simulation.Qpos[0];

    /// <inheritdoc/>
    protected override StepResult Transition(double actionSquaredNorm)
    {
        double xVelocity = (Simulation.Qpos[0] - _xBefore) / Dt;
        LastTerms = new RewardTerms(xVelocity, 0, _controlCostWeight * actionSquaredNorm, 0);
        return new StepResult(LastTerms.Reward, Terminated: false);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation) =>
        Observations.PositionsAndVelocities(Simulation.Qpos, Simulation.Qvel, observation, _excludedPositions, double.PositiveInfinity);
}

/// <summary>Gymnasium's <c>Swimmer-v4</c>: a three-link swimmer moving forward through a viscous fluid.</summary>
/// <remarks>
/// Observation (8): qpos without x, y (body angle, two joint angles), qvel (5). Reward
/// x velocity of qpos[0] over the step − 1e-4 Σ a²; never terminates. frame_skip 4
/// (dt 0.04 s); reset noise U(±0.1) on qpos and qvel; solved at 360.
/// </remarks>
public sealed class SwimmerEnvironment : ForwardRunnerEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Swimmer-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "swimmer.xml";

    /// <summary>Loads the model.</summary>
    public SwimmerEnvironment()
        : base(Model, frameSkip: 4, controlCostWeight: 1e-4, gaussianVelocityNoise: false, excludedPositions: 2)
    {
        Spec = new EnvironmentSpec(EnvironmentName, 8, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: 360.0);
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }
}

/// <summary>Gymnasium's <c>HalfCheetah-v4</c>: a planar two-legged cheetah running forward.</summary>
/// <remarks>
/// Observation (17): qpos without x (8), qvel (9). Reward x velocity of qpos[0] over the step
/// − 0.1 Σ a²; never terminates. frame_skip 5 (dt 0.05 s); reset noise U(±0.1) on qpos,
/// 0.1·N(0, 1) on qvel; solved at 4800.
/// </remarks>
public sealed class HalfCheetahEnvironment : ForwardRunnerEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "HalfCheetah-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "half_cheetah.xml";

    /// <summary>Loads the model.</summary>
    public HalfCheetahEnvironment()
        : base(Model, frameSkip: 5, controlCostWeight: 0.1, gaussianVelocityNoise: true, excludedPositions: 1)
    {
        Spec = new EnvironmentSpec(EnvironmentName, 17, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: 4800.0);
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }
}

/// <summary>The locomotion tasks' observation: qpos without its leading (global position) elements, then qvel.</summary>
internal static class Observations
{
    public static void PositionsAndVelocities(ReadOnlySpan<double> qpos, ReadOnlySpan<double> qvel, Span<float> observation, int excludedPositions, double clipVelocity)
    {
        int k = 0;
        for (int i = excludedPositions; i < qpos.Length; i++)
        {
            observation[k++] = (float)qpos[i];
        }

        for (int i = 0; i < qvel.Length; i++)
        {
            observation[k++] = (float)Math.Clamp(qvel[i], -clipVelocity, clipVelocity);
        }
    }
}
