using Es.Core.Randomness;

namespace Es.Core.Environments.MountainCar;

/// <summary>
/// Gymnasium's <c>MountainCarContinuous-v0</c>: the mountain car with a continuous engine
/// force and an energy penalty, reaching the flag at position 0.45.
/// </summary>
/// <remarks>
/// A port of <c>gymnasium/envs/classic_control/continuous_mountain_car.py</c>. The force is
/// the action clipped to [−1, 1], scaled by the power 0.0015. The reward is −0.1·a² per
/// step plus 100 on reaching the goal with non-negative velocity. As in Gymnasium, the
/// penalty uses the action as given (before clipping), so a policy gains nothing by
/// emitting values beyond the bounds. Unlike Gymnasium, which stores the state as float32
/// after each step, the state stays in double here, like every other environment.
/// </remarks>
public sealed class MountainCarContinuousEnvironment : IEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "MountainCarContinuous-v0";

    private const double MinAction = -1.0;
    private const double MaxAction = 1.0;
    private const double MinPosition = -1.2;
    private const double MaxPosition = 0.6;
    private const double MaxSpeed = 0.07;
    private const double GoalPosition = 0.45;
    private const double GoalVelocity = 0.0;
    private const double Power = 0.0015;
    private const int ObservationSize = 2;

    private static readonly EnvironmentSpec SharedSpec = new(
        EnvironmentName,
        ObservationSize,
        ActionSpace.Box([(float)MinAction], [(float)MaxAction]),
        MaxEpisodeSteps: 999,
        SolvedThreshold: 90.0);

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
        EnvironmentGuard.ContinuousAction(action, 1);
        EnvironmentGuard.Observation(observation, ObservationSize);

        double raw = action[0];
        double force = Math.Min(Math.Max(raw, MinAction), MaxAction);

        double velocity = _velocity + ((force * Power) - (0.0025 * Math.Cos(3 * _position)));
        if (velocity > MaxSpeed)
        {
            velocity = MaxSpeed;
        }

        if (velocity < -MaxSpeed)
        {
            velocity = -MaxSpeed;
        }

        double position = _position + velocity;
        if (position > MaxPosition)
        {
            position = MaxPosition;
        }

        if (position < MinPosition)
        {
            position = MinPosition;
        }

        if (position == MinPosition && velocity < 0)
        {
            velocity = 0.0;
        }

        _position = position;
        _velocity = velocity;
        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        double reward = terminated ? 100.0 : 0.0;
        reward -= raw * raw * 0.1;
        WriteObservation(observation);
        return new StepResult(reward, terminated);
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
