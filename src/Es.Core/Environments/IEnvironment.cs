namespace Es.Core.Environments;

/// <summary>
/// A reinforcement-learning task with Gymnasium's semantics. Implementations own all
/// their state, allocate nothing in <see cref="Reset"/> or <see cref="Step"/>, and are not
/// thread-safe: every evaluator holds its own instance.
/// </summary>
/// <remarks>
/// Time limits (Gymnasium's <c>TimeLimit</c> wrapper) are applied by the rollout, not by
/// the environment, so <see cref="Step"/> reports only natural termination.
/// </remarks>
public interface IEnvironment
{
    /// <summary>Static facts about this task: sizes, action space, time limit, solved threshold.</summary>
    EnvironmentSpec Spec { get; }

    /// <summary>Starts an episode whose initial state is drawn from <paramref name="seed"/> alone.</summary>
    /// <param name="seed">The episode seed; the same seed gives the same initial state.</param>
    /// <param name="observation">Receives the first observation (length <see cref="EnvironmentSpec.ObservationSize"/>).</param>
    void Reset(ulong seed, Span<float> observation);

    /// <summary>Applies one action.</summary>
    /// <param name="action">
    /// For a discrete space, element 0 holds the action index (0..Count-1) as a float;
    /// for a continuous space, one value per dimension. Continuous actions are clipped to the bounds.
    /// </param>
    /// <param name="observation">Receives the next observation.</param>
    /// <returns>The reward and whether the episode terminated.</returns>
    StepResult Step(ReadOnlySpan<float> action, Span<float> observation);
}
