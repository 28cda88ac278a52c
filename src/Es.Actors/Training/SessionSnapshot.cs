using Es.Core.Optimizers;
using Es.Core.Strategies;

namespace Es.Actors.Training;

/// <summary>The whole state of a session between rounds: what a checkpoint snapshot stores.</summary>
/// <param name="Generation">Updates applied to θ.</param>
/// <param name="Theta">θ.</param>
/// <param name="Optimizer">The optimizer's moments and step count.</param>
/// <param name="ObservationCount">Observations in the normalisation statistics (0 when disabled).</param>
/// <param name="ObservationMean">Their per-dimension mean (empty when disabled).</param>
/// <param name="ObservationM2">Their per-dimension sum of squared deviations (empty when disabled).</param>
/// <param name="FinalEvalReturn">Latest evaluation return (NaN if none).</param>
/// <param name="BestEvalReturn">Best evaluation return (NaN if none).</param>
/// <param name="SolvedGeneration">First solved generation, if any.</param>
/// <param name="Evaluations">Candidate evaluations so far.</param>
/// <param name="EnvSteps">Environment steps so far.</param>
/// <param name="NoiseFingerprint">Identity of the noise table the run uses.</param>
/// <param name="CandidatesFailed">Candidates that failed so far (the summary's candidates_failed).</param>
/// <param name="Strategy">
/// The strategy's own state (σ, covariance, genomes, …); null in a snapshot of the first
/// format, written when OpenAI-ES was the only strategy and kept nothing besides θ and the optimizer.
/// </param>
public sealed record SessionSnapshot(
    int Generation,
    float[] Theta,
    OptimizerState Optimizer,
    long ObservationCount,
    double[] ObservationMean,
    double[] ObservationM2,
    double FinalEvalReturn,
    double BestEvalReturn,
    int? SolvedGeneration,
    long Evaluations,
    long EnvSteps,
    ulong NoiseFingerprint,
    long CandidatesFailed = 0,
    StrategyState? Strategy = null);
