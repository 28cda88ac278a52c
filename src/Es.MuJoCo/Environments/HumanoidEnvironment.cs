using Es.Core.Environments;
using Es.Core.Randomness;

namespace Es.MuJoCo.Environments;

/// <summary>Gymnasium's <c>Humanoid-v4</c>: a 3-D humanoid walking forward without falling.</summary>
/// <remarks>
/// Observation (376): qpos without the torso's x, y (22), qvel (23), cinert (14 × 10), cvel
/// (14 × 6), qfrc_actuator (23), cfrc_ext (14 × 6; filled by <c>mj_rnePostConstraint</c> after
/// the physics steps, as Gymnasium's <c>MujocoEnv</c> does, and zero in the first observation).
/// Reward 1.25 × the x velocity of the centre of mass (Σ mᵢ xiposᵢ / Σ mᵢ) over the step + 5
/// (healthy) − 0.1 Σ a²; v4 has no contact cost. Healthy while 1 &lt; z = qpos[2] &lt; 2; the episode
/// terminates when it is not. frame_skip 5 (dt 0.015 s); reset noise U(±0.01) on qpos and
/// qvel. Gymnasium defines no reward threshold, so the run never counts as solved.
/// </remarks>
public sealed class HumanoidEnvironment : MuJoCoEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Humanoid-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "humanoid.xml";

    private const int ObservationSize = 376;
    private const double ForwardRewardWeight = 1.25;
    private const double ControlCostWeight = 0.1;
    private const double HealthyReward = 5.0;
    private readonly double _totalMass;
    private double _xBefore;

    /// <summary>Loads the model.</summary>
    public HumanoidEnvironment()
        : base(Model, frameSkip: 5)
    {
        Spec = new EnvironmentSpec(EnvironmentName, ObservationSize, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: double.PositiveInfinity);
        foreach (double mass in Simulation.BodyMass)
        {
            _totalMass += mass;
        }
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }

    /// <summary>Gymnasium's <c>is_healthy</c> for the current state.</summary>
    public bool IsHealthy => Simulation.Qpos[2] is > 1.0 and < 2.0;

    /// <summary>The x coordinate of the centre of mass (Gymnasium's <c>mass_center</c>).</summary>
    public double MassCenterX
    {
        get
        {
            var mass = Simulation.BodyMass;
            var xipos = Simulation.Xipos;
            double sum = 0;
            for (int b = 0; b < mass.Length; b++)
            {
                sum += mass[b] * xipos[3 * b];
            }

            return sum / _totalMass;
        }
    }

    /// <inheritdoc/>
    protected override void ResetModel(ref DeterministicRandom random, Span<double> qpos, Span<double> qvel)
    {
        AddUniform(ref random, qpos, 1e-2);
        AddUniform(ref random, qvel, 1e-2);
    }

    /// <inheritdoc/>
    protected override void BeforeSimulation() => _xBefore = MassCenterX;

    /// <inheritdoc/>
    protected override void AfterSimulation() => Simulation.RnePostConstraint();

    /// <inheritdoc/>
    protected override StepResult Transition(double actionSquaredNorm)
    {
        double xVelocity = (MassCenterX - _xBefore) / Dt;
        LastTerms = new RewardTerms(ForwardRewardWeight * xVelocity, HealthyReward, ControlCostWeight * actionSquaredNorm, 0);
        return new StepResult(LastTerms.Reward, Terminated: !IsHealthy);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        Observations.PositionsAndVelocities(Simulation.Qpos, Simulation.Qvel, observation, excludedPositions: 2, double.PositiveInfinity);
        int k = Simulation.Nq - 2 + Simulation.Nv;
        k = Copy(Simulation.Cinert, observation, k);
        k = Copy(Simulation.Cvel, observation, k);
        k = Copy(Simulation.QfrcActuator, observation, k);
        Copy(Simulation.CfrcExt, observation, k);
    }

    private static int Copy(ReadOnlySpan<double> source, Span<float> observation, int offset)
    {
        for (int i = 0; i < source.Length; i++)
        {
            observation[offset + i] = (float)source[i];
        }

        return offset + source.Length;
    }
}
