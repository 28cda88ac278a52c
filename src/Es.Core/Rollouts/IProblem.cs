using Es.Core.Normalization;

namespace Es.Core.Rollouts;

/// <summary>
/// Something that scores a parameter vector: a policy acting in an environment, or a
/// black-box function of θ itself. One instance per evaluator; not thread-safe.
/// </summary>
public interface IProblem
{
    /// <summary>The environment or function name.</summary>
    string Name { get; }

    /// <summary>Length of θ.</summary>
    int ParameterCount { get; }

    /// <summary>Length of an observation; 0 for a black-box function (nothing to normalise).</summary>
    int ObservationSize { get; }

    /// <summary>Mean evaluation return at which the problem counts as solved.</summary>
    double SolvedThreshold { get; }

    /// <summary>Writes θ₀ drawn from <paramref name="seed"/>.</summary>
    void Initialize(Span<float> theta, ulong seed);

    /// <summary>Runs one episode with parameters <paramref name="theta"/>.</summary>
    /// <param name="theta">The parameters.</param>
    /// <param name="episodeSeed">Seed of the environment's initial state.</param>
    /// <param name="filter">Observation normalisation, frozen for the generation.</param>
    /// <param name="statistics">When not null, raw observations are pushed into it.</param>
    EpisodeOutcome Run(ReadOnlySpan<float> theta, ulong episodeSeed, ObservationFilter filter, RunningStat? statistics);
}
