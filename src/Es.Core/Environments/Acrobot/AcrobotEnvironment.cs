using Es.Core.Randomness;

namespace Es.Core.Environments.Acrobot;

/// <summary>
/// Gymnasium's <c>Acrobot-v1</c>: swing a two-link chain, actuated at the middle joint,
/// until its tip rises one link length above the base.
/// </summary>
/// <remarks>
/// A port of <c>gymnasium/envs/classic_control/acrobot.py</c>: book dynamics, one RK4 step
/// of 0.2 s, angles wrapped to [−π, π], velocities clipped to ±4π and ±9π. Actions 0, 1, 2
/// apply torque −1, 0, +1. Observation: cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2. The reward
/// is −1 per step and 0 on the terminating step.
/// </remarks>
public sealed class AcrobotEnvironment : IEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Acrobot-v1";

    private const double Dt = 0.2;
    private const double MaxVelocity1 = 4 * Math.PI;
    private const double MaxVelocity2 = 9 * Math.PI;
    private const int ObservationSize = 6;

    private static readonly EnvironmentSpec SharedSpec =
        new(EnvironmentName, ObservationSize, ActionSpace.Discrete(3), MaxEpisodeSteps: 500, SolvedThreshold: -100.0);

    private readonly double[] _state = new double[AcrobotDynamics.StateSize];

    /// <inheritdoc/>
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        EnvironmentGuard.Observation(observation, ObservationSize);
        var random = new DeterministicRandom(seed);
        for (int i = 0; i < _state.Length; i++)
        {
            _state[i] = random.Uniform(-0.1, 0.1);
        }

        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        int index = EnvironmentGuard.DiscreteAction(action, 3);
        EnvironmentGuard.Observation(observation, ObservationSize);

        double torque = index - 1.0; // AVAIL_TORQUE = [-1, 0, +1]
        Span<double> s = _state;
        AcrobotDynamics.Rk4Step(s, torque, Dt);
        s[0] = AcrobotDynamics.Wrap(s[0], -Math.PI, Math.PI);
        s[1] = AcrobotDynamics.Wrap(s[1], -Math.PI, Math.PI);
        s[2] = Math.Min(Math.Max(s[2], -MaxVelocity1), MaxVelocity1);
        s[3] = Math.Min(Math.Max(s[3], -MaxVelocity2), MaxVelocity2);

        bool terminated = -Math.Cos(s[0]) - Math.Cos(s[1] + s[0]) > 1.0;
        WriteObservation(observation);
        return new StepResult(terminated ? 0.0 : -1.0, terminated);
    }

    /// <summary>Puts the system in an exact state (for tests that replay known trajectories).</summary>
    internal void SetState(double theta1, double theta2, double dtheta1, double dtheta2)
    {
        _state[0] = theta1;
        _state[1] = theta2;
        _state[2] = dtheta1;
        _state[3] = dtheta2;
    }

    private void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)Math.Cos(_state[0]);
        observation[1] = (float)Math.Sin(_state[0]);
        observation[2] = (float)Math.Cos(_state[1]);
        observation[3] = (float)Math.Sin(_state[1]);
        observation[4] = (float)_state[2];
        observation[5] = (float)_state[3];
    }
}
