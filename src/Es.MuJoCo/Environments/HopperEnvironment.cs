using Es.Core.Environments;
using Es.Core.Randomness;

namespace Es.MuJoCo.Environments;

/// <summary>Gymnasium's <c>Hopper-v4</c>: a one-legged planar robot hopping forward.</summary>
/// <remarks>
/// Observation (11): qpos without x (5), qvel clipped to ±10 (6). Reward x velocity of
/// qpos[0] over the step + 1 (healthy) − 1e-3 Σ a². Healthy while every element of
/// (qpos, qvel) after the first two lies in (−100, 100), z = qpos[1] &gt; 0.7 and the torso
/// angle qpos[2] lies in (−0.2, 0.2); the episode terminates when it is not. frame_skip 4
/// (dt 0.008 s); reset noise U(±0.005) on qpos and qvel; solved at 3800.
/// </remarks>
public sealed class HopperEnvironment : PlanarWalkerEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Hopper-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "hopper.xml";

    /// <summary>Loads the model.</summary>
    public HopperEnvironment()
        : base(Model, zLow: 0.7, zHigh: double.PositiveInfinity, angleLimit: 0.2, stateLimit: 100.0)
    {
        Spec = new EnvironmentSpec(EnvironmentName, 11, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: 3800.0);
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }
}

/// <summary>Gymnasium's <c>Walker2d-v4</c>: a two-legged planar robot walking forward.</summary>
/// <remarks>
/// Observation (17): qpos without x (8), qvel clipped to ±10 (9). Reward x velocity of
/// qpos[0] over the step + 1 (healthy) − 1e-3 Σ a². Healthy while 0.8 &lt; z = qpos[1] &lt; 2 and
/// the torso angle qpos[2] lies in (−1, 1); the episode terminates when it is not. frame_skip 4
/// (dt 0.008 s); reset noise U(±0.005) on qpos and qvel. Gymnasium defines no reward threshold,
/// so the run never counts as solved.
/// </remarks>
public sealed class Walker2dEnvironment : PlanarWalkerEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Walker2d-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "walker2d.xml";

    /// <summary>Loads the model.</summary>
    public Walker2dEnvironment()
        : base(Model, zLow: 0.8, zHigh: 2.0, angleLimit: 1.0, stateLimit: double.PositiveInfinity)
    {
        Spec = new EnvironmentSpec(EnvironmentName, 17, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: double.PositiveInfinity);
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }
}

/// <summary>Hopper and Walker2d: forward reward, healthy reward, control cost, termination when unhealthy.</summary>
public abstract class PlanarWalkerEnvironment : MuJoCoEnvironment
{
    private const double ControlCostWeight = 1e-3;
    private const double HealthyReward = 1.0;
    private const double ResetNoise = 5e-3;
    private readonly double _zLow;
    private readonly double _zHigh;
    private readonly double _angleLimit;
    private readonly double _stateLimit;
    private double _xBefore;

    /// <summary>Loads the model; the limits are Gymnasium's healthy ranges (open intervals).</summary>
    private protected PlanarWalkerEnvironment(string model, double zLow, double zHigh, double angleLimit, double stateLimit)
        : base(model, frameSkip: 4)
    {
        _zLow = zLow;
        _zHigh = zHigh;
        _angleLimit = angleLimit;
        _stateLimit = stateLimit;
    }

    /// <summary>Gymnasium's <c>is_healthy</c> for the current state.</summary>
    public bool IsHealthy
    {
        get
        {
            var qpos = Simulation.Qpos;
            double z = qpos[1], angle = qpos[2];
            if (!(z > _zLow && z < _zHigh) || !(angle > -_angleLimit && angle < _angleLimit))
            {
                return false;
            }

            if (double.IsPositiveInfinity(_stateLimit))
            {
                return true;
            }

            return InRange(qpos[2..], _stateLimit) && InRange(Simulation.Qvel, _stateLimit);
        }
    }

    /// <inheritdoc/>
    protected override void ResetModel(ref DeterministicRandom random, Span<double> qpos, Span<double> qvel)
    {
        AddUniform(ref random, qpos, ResetNoise);
        AddUniform(ref random, qvel, ResetNoise);
    }

    /// <inheritdoc/>
    protected override void BeforeSimulation() => _xBefore = Simulation.Qpos[0];

    /// <inheritdoc/>
    protected override StepResult Transition(double actionSquaredNorm)
    {
        double xVelocity = (Simulation.Qpos[0] - _xBefore) / Dt;
        LastTerms = new RewardTerms(xVelocity, HealthyReward, ControlCostWeight * actionSquaredNorm, 0);
        return new StepResult(LastTerms.Reward, Terminated: !IsHealthy);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation) =>
        Observations.PositionsAndVelocities(Simulation.Qpos, Simulation.Qvel, observation, excludedPositions: 1, clipVelocity: 10.0);

    private static bool InRange(ReadOnlySpan<double> values, double limit)
    {
        foreach (double v in values)
        {
            if (!(v > -limit && v < limit))
            {
                return false;
            }
        }

        return true;
    }
}
