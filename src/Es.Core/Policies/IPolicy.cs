namespace Es.Core.Policies;

/// <summary>
/// Maps an observation to an action given a flat parameter vector. An instance owns its
/// scratch buffers (allocated once, in the constructor) and is not thread-safe.
/// </summary>
public interface IPolicy
{
    /// <summary>Number of parameters the policy reads from the vector passed to <see cref="Act"/>.</summary>
    int ParameterCount { get; }

    /// <summary>Computes the action for <paramref name="observation"/>.</summary>
    /// <param name="parameters">The flat parameter vector (length <see cref="ParameterCount"/>).</param>
    /// <param name="observation">The (already normalised) observation.</param>
    /// <param name="action">Receives the action in the form <see cref="Environments.IEnvironment.Step"/> expects.</param>
    void Act(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observation, Span<float> action);

    /// <summary>Writes initial parameters drawn from <paramref name="seed"/> into <paramref name="parameters"/>.</summary>
    void Initialize(Span<float> parameters, ulong seed);
}
