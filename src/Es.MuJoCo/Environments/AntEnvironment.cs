using Es.Core.Environments;
using Es.Core.Randomness;

namespace Es.MuJoCo.Environments;

/// <summary>Gymnasium's <c>Ant-v4</c> (default arguments, so no contact forces): a four-legged robot walking forward.</summary>
/// <remarks>
/// Observation (27): qpos without the torso's x, y (13), qvel (14). Reward the x velocity of
/// the torso body's frame (xpos) over the step + 1 (healthy) − 0.5 Σ a². Healthy while the
/// state is finite and the torso's z = qpos[2] lies in [0.2, 1]; the episode terminates when it
/// is not. frame_skip 5 (dt 0.05 s); reset noise U(±0.1) on qpos, 0.1·N(0, 1) on qvel; solved
/// at 6000.
/// </remarks>
public sealed class AntEnvironment : MuJoCoEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Ant-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "ant.xml";

    private const int ObservationSize = 27;
    private const double ControlCostWeight = 0.5;
    private const double HealthyReward = 1.0;
    private readonly int _torso;
    private double _xBefore;

    /// <summary>Loads the model.</summary>
    public AntEnvironment()
        : base(Model, frameSkip: 5)
    {
        Spec = new EnvironmentSpec(EnvironmentName, ObservationSize, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: 6000.0);
        _torso = Simulation.BodyId("torso");
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }

    /// <summary>Gymnasium's <c>is_healthy</c> for the current state.</summary>
    public bool IsHealthy
    {
        get
        {
            double z = Simulation.Qpos[2];
            return AllFinite(Simulation.Qpos) && AllFinite(Simulation.Qvel) && z >= 0.2 && z <= 1.0;
        }
    }

    /// <inheritdoc/>
    protected override void ResetModel(ref DeterministicRandom random, Span<double> qpos, Span<double> qvel)
    {
        AddUniform(ref random, qpos, 0.1);
        AddGaussian(ref random, qvel, 0.1);
    }

    /// <inheritdoc/>
    protected override void BeforeSimulation() => _xBefore = Simulation.Xpos[3 * _torso];

    /// <inheritdoc/>
    protected override StepResult Transition(double actionSquaredNorm)
    {
        double xVelocity = (Simulation.Xpos[3 * _torso] - _xBefore) / Dt;
        LastTerms = new RewardTerms(xVelocity, HealthyReward, ControlCostWeight * actionSquaredNorm, 0);
        return new StepResult(LastTerms.Reward, Terminated: !IsHealthy);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation) =>
        Observations.PositionsAndVelocities(Simulation.Qpos, Simulation.Qvel, observation, excludedPositions: 2, double.PositiveInfinity);
}
