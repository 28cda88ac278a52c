using Es.Core.Normalization;
using Es.Core.Rollouts;

namespace Es.TestKit;

/// <summary>A problem that consults its evaluator's <see cref="EvaluatorFaults"/> before every episode.</summary>
public sealed class SimulatedProblem : IProblem
{
    private readonly IProblem inner;
    private readonly EvaluatorFaults faults;

    /// <summary>Wraps <paramref name="inner"/>; tells <paramref name="faults"/> the evaluator is up.</summary>
    public SimulatedProblem(IProblem inner, EvaluatorFaults faults)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(faults);
        this.inner = inner;
        this.faults = faults;
        faults.OnStarted();
    }

    /// <inheritdoc/>
    public string Name => inner.Name;

    /// <inheritdoc/>
    public int ParameterCount => inner.ParameterCount;

    /// <inheritdoc/>
    public int ObservationSize => inner.ObservationSize;

    /// <inheritdoc/>
    public double SolvedThreshold => inner.SolvedThreshold;

    /// <inheritdoc/>
    public void Initialize(Span<float> theta, ulong seed) => inner.Initialize(theta, seed);

    /// <inheritdoc/>
    public EpisodeOutcome Run(ReadOnlySpan<float> theta, ulong episodeSeed, ObservationFilter filter, RunningStat? statistics)
    {
        faults.BeforeEpisode();
        return inner.Run(theta, episodeSeed, filter, statistics);
    }
}
