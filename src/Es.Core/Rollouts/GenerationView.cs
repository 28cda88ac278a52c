using Es.Core.Normalization;

namespace Es.Core.Rollouts;

/// <summary>
/// What an evaluator needs to score generation <see cref="Generation"/>: θ and the
/// observation filter, both frozen (never mutated after publication), and σ.
/// </summary>
/// <param name="Generation">The generation (number of updates θ has had).</param>
/// <param name="Theta">θ for this generation; shared read-only.</param>
/// <param name="Filter">The frozen observation filter.</param>
/// <param name="Sigma">Noise standard deviation.</param>
public sealed record GenerationView(int Generation, float[] Theta, ObservationFilter Filter, float Sigma);
