using Es.Core.Randomness;

namespace Es.Core.Environments.Pendulum;

/// <summary>
/// Gymnasium's <c>Pendulum-v1</c>: swing a torque-limited pendulum up and hold it there.
/// </summary>
/// <remarks>
/// A port of <c>gymnasium/envs/classic_control/pendulum.py</c>. The action is one torque,
/// clipped to [-2, 2]. Observation: cos θ, sin θ, θ̇ (θ = 0 is upright). The reward is
/// −(normalise(θ)² + 0.1 θ̇² + 0.001 u²) computed from the state before the step. The new
/// angular velocity is clipped to ±8 first and the new angle is then advanced with it
/// (semi-implicit Euler). The task never terminates; only the 200-step time limit ends it.
/// </remarks>
public sealed class PendulumEnvironment : IEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Pendulum-v1";

    private const double MaxSpeed = 8.0;
    private const double MaxTorque = 2.0;
    private const double Dt = 0.05;
    private const double G = 10.0;
    private const double M = 1.0;
    private const double L = 1.0;
    private const int ObservationSize = 3;

    private static readonly EnvironmentSpec SharedSpec = new(
        EnvironmentName,
        ObservationSize,
        ActionSpace.Box([(float)-MaxTorque], [(float)MaxTorque]),
        MaxEpisodeSteps: 200,
        SolvedThreshold: -200.0);

    private double _theta;
    private double _thetaDot;

    // sin(θ) of the current state: the observation needs it and the next step's dynamics
    // need the same value, so each step computes it once (the same call, the same bits).
    private double _sinTheta;

    /// <inheritdoc/>
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        EnvironmentGuard.Observation(observation, ObservationSize);
        var random = new DeterministicRandom(seed);
        _theta = random.Uniform(-Math.PI, Math.PI);
        _thetaDot = random.Uniform(-1.0, 1.0);
        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        EnvironmentGuard.ContinuousAction(action, 1);
        EnvironmentGuard.Observation(observation, ObservationSize);

        double u = Math.Clamp((double)action[0], -MaxTorque, MaxTorque);
        double normalized = AngleNormalize(_theta);
        double costs = (normalized * normalized) + (0.1 * (_thetaDot * _thetaDot)) + (0.001 * (u * u));

        double newThetaDot = _thetaDot + ((((3 * G) / (2 * L) * _sinTheta) + (3.0 / (M * (L * L)) * u)) * Dt);
        newThetaDot = Math.Clamp(newThetaDot, -MaxSpeed, MaxSpeed);
        double newTheta = _theta + (newThetaDot * Dt);

        _theta = newTheta;
        _thetaDot = newThetaDot;
        WriteObservation(observation);
        return new StepResult(-costs, Terminated: false);
    }

    /// <summary>Puts the system in an exact state (for tests that replay known trajectories).</summary>
    internal void SetState(double theta, double thetaDot)
    {
        _theta = theta;
        _thetaDot = thetaDot;
        _sinTheta = Math.Sin(theta);
    }

    /// <summary>
    /// Python's <c>((x + π) % 2π) − π</c>. Python's float <c>%</c> takes the sign of the
    /// divisor, C#'s takes the sign of the dividend, hence the correction.
    /// </summary>
    internal static double AngleNormalize(double x)
    {
        const double TwoPi = 2 * Math.PI;
        double m = (x + Math.PI) % TwoPi;
        if (m < 0)
        {
            m += TwoPi;
        }

        return m - Math.PI;
    }

    private void WriteObservation(Span<float> observation)
    {
        _sinTheta = Math.Sin(_theta);
        observation[0] = (float)Math.Cos(_theta);
        observation[1] = (float)_sinTheta;
        observation[2] = (float)_thetaDot;
    }
}
