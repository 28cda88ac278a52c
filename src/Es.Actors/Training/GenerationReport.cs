namespace Es.Actors.Training;

/// <summary>What one completed round produced: one row of <c>metrics.csv</c>.</summary>
/// <param name="Generation">The generation whose θ was scored (updates applied before it).</param>
/// <param name="Updated">True when the population was scored and θ updated (false for the final evaluation-only round).</param>
/// <param name="RewardMean">Mean candidate return (NaN when no population was scored).</param>
/// <param name="RewardMax">Best candidate return.</param>
/// <param name="RewardMin">Worst candidate return.</param>
/// <param name="EvalReturn">Mean evaluation return of the unperturbed θ, when evaluated this round.</param>
/// <param name="Evaluations">Candidate evaluations this round.</param>
/// <param name="EnvSteps">Environment steps this round (candidates and evaluation).</param>
/// <param name="ThetaNorm">L2 norm of θ after the round.</param>
/// <param name="ObservationCount">Observations in the normalisation statistics so far.</param>
/// <param name="CandidatesFailed">Candidates that failed this round (dropped with their antithetic partners).</param>
public sealed record GenerationReport(
    int Generation,
    bool Updated,
    double RewardMean,
    double RewardMax,
    double RewardMin,
    double? EvalReturn,
    long Evaluations,
    long EnvSteps,
    double ThetaNorm,
    long ObservationCount,
    int CandidatesFailed = 0);
