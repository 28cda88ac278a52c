using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Core.Rollouts;

/// <summary>
/// What an evaluator needs to score generation <see cref="Generation"/>: θ and the
/// observation filter, both frozen (never mutated after publication), and σ.
/// </summary>
/// <param name="Generation">The generation (number of updates θ has had).</param>
/// <param name="Theta">θ for this generation; shared read-only.</param>
/// <param name="Filter">The frozen observation filter.</param>
/// <param name="Sigma">Noise standard deviation.</param>
/// <param name="Recipe">
/// How the strategy builds the generation's candidates; null means OpenAI-ES's θ ± σε
/// (for views made without a strategy, as the benchmarks do).
/// </param>
public sealed record GenerationView(int Generation, float[] Theta, ObservationFilter Filter, float Sigma, CandidateRecipe? Recipe = null);
