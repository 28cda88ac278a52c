using Es.Core.Randomness;

namespace Es.Core.Environments.MountainCar;

/// <summary>
/// Gymnasium's <c>MountainCar-v0</c>: an under-powered car must rock back and forth to
/// climb to the flag at position 0.5.
/// </summary>
/// <remarks>
/// A port of <c>gymnasium/envs/classic_control/mountain_car.py</c>. Actions 0, 1, 2
/// accelerate left, not at all, right. The velocity is updated and clipped to ±0.07
/// before the position moves; the position is then clipped to [−1.2, 0.6] and a car that
/// hits the left wall stops. Observation: position, velocity. Reward −1 per step.
/// </remarks>
public sealed class MountainCarEnvironment : IEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "MountainCar-v0";

    private const double MinPosition = -1.2;
    private const double MaxPosition = 0.6;
    private const double MaxSpeed = 0.07;
    private const double GoalPosition = 0.5;
    private const double GoalVelocity = 0.0;
    private const double Force = 0.001;
    private const double Gravity = 0.0025;
    private const int ObservationSize = 2;

    private static readonly EnvironmentSpec SharedSpec =
        new(EnvironmentName, ObservationSize, ActionSpace.Discrete(3), MaxEpisodeSteps: 200, SolvedThreshold: -110.0);

    private double _position;
    private double _velocity;

    /// <inheritdoc/>
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        EnvironmentGuard.Observation(observation, ObservationSize);
        var random = new DeterministicRandom(seed);
        _position = random.Uniform(-0.6, -0.4);
        _velocity = 0.0;
        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        int index = EnvironmentGuard.DiscreteAction(action, 3);
        EnvironmentGuard.Observation(observation, ObservationSize);

        double velocity = _velocity + (((index - 1) * Force) + (Math.Cos(3 * _position) * -Gravity));
        velocity = Math.Clamp(velocity, -MaxSpeed, MaxSpeed);
        double position = Math.Clamp(_position + velocity, MinPosition, MaxPosition);
        if (position == MinPosition && velocity < 0)
        {
            velocity = 0.0;
        }

        _position = position;
        _velocity = velocity;
        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        WriteObservation(observation);
        return new StepResult(-1.0, terminated);
    }

    /// <summary>Puts the system in an exact state (for tests that replay known trajectories).</summary>
    internal void SetState(double position, double velocity)
    {
        _position = position;
        _velocity = velocity;
    }

    private void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)_position;
        observation[1] = (float)_velocity;
    }
}
