using Es.Core.Randomness;

namespace Es.Core.Environments.CartPole;

/// <summary>
/// Gymnasium's <c>CartPole-v1</c>: push a cart left or right to keep a pole upright.
/// </summary>
/// <remarks>
/// A line-for-line port of <c>gymnasium/envs/classic_control/cartpole.py</c> with its
/// default <c>"euler"</c> kinematics (positions advance with the old velocities). Actions:
/// 0 pushes left, 1 pushes right. Observation: cart position, cart velocity, pole angle,
/// pole angular velocity. The reward is 1 for every step, the terminating one included;
/// the episode terminates when |x| &gt; 2.4 or |θ| &gt; 12°.
/// </remarks>
public sealed class CartPoleEnvironment : IEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "CartPole-v1";

    private const double Gravity = 9.8;
    private const double MassCart = 1.0;
    private const double MassPole = 0.1;
    private const double TotalMass = MassPole + MassCart;
    private const double Length = 0.5; // half the pole's length
    private const double PoleMassLength = MassPole * Length;
    private const double ForceMagnitude = 10.0;
    private const double Tau = 0.02;
    private const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;
    private const double XThreshold = 2.4;
    private const int ObservationSize = 4;

    private static readonly EnvironmentSpec SharedSpec =
        new(EnvironmentName, ObservationSize, ActionSpace.Discrete(2), MaxEpisodeSteps: 500, SolvedThreshold: 475.0);

    private double _x;
    private double _xDot;
    private double _theta;
    private double _thetaDot;

    /// <inheritdoc/>
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        EnvironmentGuard.Observation(observation, ObservationSize);
        var random = new DeterministicRandom(seed);
        _x = random.Uniform(-0.05, 0.05);
        _xDot = random.Uniform(-0.05, 0.05);
        _theta = random.Uniform(-0.05, 0.05);
        _thetaDot = random.Uniform(-0.05, 0.05);
        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        int index = EnvironmentGuard.DiscreteAction(action, 2);
        EnvironmentGuard.Observation(observation, ObservationSize);

        double force = index == 1 ? ForceMagnitude : -ForceMagnitude;
        double cosTheta = Math.Cos(_theta);
        double sinTheta = Math.Sin(_theta);

        // Florian (2007), "Correct equations for the dynamics of the cart-pole system".
        double temp = (force + (PoleMassLength * (_thetaDot * _thetaDot) * sinTheta)) / TotalMass;
        double thetaAcc = ((Gravity * sinTheta) - (cosTheta * temp))
            / (Length * ((4.0 / 3.0) - (MassPole * (cosTheta * cosTheta) / TotalMass)));
        double xAcc = temp - (PoleMassLength * thetaAcc * cosTheta / TotalMass);

        // Explicit Euler: every position uses the velocity from before the step.
        _x += Tau * _xDot;
        _xDot += Tau * xAcc;
        _theta += Tau * _thetaDot;
        _thetaDot += Tau * thetaAcc;

        bool terminated = _x < -XThreshold
            || _x > XThreshold
            || _theta < -ThetaThresholdRadians
            || _theta > ThetaThresholdRadians;

        WriteObservation(observation);
        return new StepResult(1.0, terminated);
    }

    /// <summary>Puts the system in an exact state (for tests that replay known trajectories).</summary>
    internal void SetState(double x, double xDot, double theta, double thetaDot)
    {
        _x = x;
        _xDot = xDot;
        _theta = theta;
        _thetaDot = thetaDot;
    }

    private void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_xDot;
        observation[2] = (float)_theta;
        observation[3] = (float)_thetaDot;
    }
}
