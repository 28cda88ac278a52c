using Es.Core.Environments;
using Es.Core.Randomness;

namespace Es.MuJoCo.Environments;

/// <summary>
/// Gymnasium's <c>InvertedDoublePendulum-v4</c>: balance two poles stacked on a cart.
/// </summary>
/// <remarks>
/// Observation (11): cart x; sin and cos of the two hinge angles; qvel clipped to ±10;
/// qfrc_constraint clipped to ±10. Reward 10 − (0.01 x² + (y − 2)²) − (0.001 v₁² + 0.005 v₂²),
/// (x, y) the tip site, v the hinge velocities; terminates when the tip's height y ≤ 1.
/// frame_skip 5 (dt 0.05 s); reset noise U(±0.1) on qpos, 0.1·N(0, 1) on qvel; solved at 9100.
/// </remarks>
public sealed class InvertedDoublePendulumEnvironment : MuJoCoEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "InvertedDoublePendulum-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "inverted_double_pendulum.xml";

    private const int ObservationSize = 11;
    private readonly int _tip;

    /// <summary>Loads the model.</summary>
    public InvertedDoublePendulumEnvironment()
        : base(Model, frameSkip: 5)
    {
        Spec = new EnvironmentSpec(EnvironmentName, ObservationSize, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: 9100.0);
        _tip = Simulation.SiteId("tip");
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    protected override void ResetModel(ref DeterministicRandom random, Span<double> qpos, Span<double> qvel)
    {
        AddUniform(ref random, qpos, 0.1);
        AddGaussian(ref random, qvel, 0.1);
    }

    /// <inheritdoc/>
    protected override StepResult Transition(double actionSquaredNorm)
    {
        var site = Simulation.SiteXpos.Slice(3 * _tip, 3);
        double x = site[0], y = site[2];
        var qvel = Simulation.Qvel;
        double distance = (0.01 * x * x) + ((y - 2) * (y - 2));
        double velocity = (1e-3 * qvel[1] * qvel[1]) + (5e-3 * qvel[2] * qvel[2]);
        LastTerms = new RewardTerms(0, 10.0, 0, distance + velocity);
        return new StepResult(LastTerms.Reward, y <= 1);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        var qpos = Simulation.Qpos;
        var qvel = Simulation.Qvel;
        var constraint = Simulation.QfrcConstraint;
        observation[0] = (float)qpos[0];
        observation[1] = (float)Math.Sin(qpos[1]);
        observation[2] = (float)Math.Sin(qpos[2]);
        observation[3] = (float)Math.Cos(qpos[1]);
        observation[4] = (float)Math.Cos(qpos[2]);
        for (int i = 0; i < 3; i++)
        {
            observation[5 + i] = (float)Math.Clamp(qvel[i], -10, 10);
            observation[8 + i] = (float)Math.Clamp(constraint[i], -10, 10);
        }
    }
}
