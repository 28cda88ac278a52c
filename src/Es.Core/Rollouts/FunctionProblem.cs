using Es.Core.Functions;
using Es.Core.Normalization;

namespace Es.Core.Rollouts;

/// <summary>A black-box function where θ is the candidate; the return is −f(θ).</summary>
/// <param name="function">The function to minimise.</param>
/// <param name="start">
/// Every coordinate of θ₀, as a published benchmark states its x₀ (e.g. 0.5 for all); null = the
/// function's own starting region, drawn from the run seed.
/// </param>
public sealed class FunctionProblem(IObjectiveFunction function, double? start = null) : IProblem
{
    private readonly IObjectiveFunction _function = function ?? throw new ArgumentNullException(nameof(function));

    /// <inheritdoc/>
    public string Name => _function.Name;

    /// <inheritdoc/>
    public int ParameterCount => _function.Dimension;

    /// <inheritdoc/>
    public int ObservationSize => 0;

    /// <inheritdoc/>
    public double SolvedThreshold => _function.SolvedThreshold;

    /// <inheritdoc/>
    public void Initialize(Span<float> theta, ulong seed)
    {
        if (start is { } value)
        {
            theta.Fill((float)value);
        }
        else
        {
            _function.Initialize(theta, seed);
        }
    }

    /// <inheritdoc/>
    public EpisodeOutcome Run(ReadOnlySpan<float> theta, ulong episodeSeed, ObservationFilter filter, RunningStat? statistics) =>
        new(-_function.Evaluate(theta), 1);
}
