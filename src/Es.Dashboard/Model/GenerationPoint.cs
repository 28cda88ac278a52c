namespace Es.Dashboard.Model;

/// <summary>One completed round of a run as the dashboard draws it: one row of <c>metrics.csv</c>.</summary>
/// <param name="Generation">The generation whose θ was scored.</param>
/// <param name="Updated">True when θ was updated this round (false for a final evaluation-only round).</param>
/// <param name="RewardMean">Mean candidate return; null when no population was scored.</param>
/// <param name="RewardMax">Best candidate return; null when no population was scored.</param>
/// <param name="RewardMin">Worst candidate return; null when no population was scored.</param>
/// <param name="EvalReturn">Mean evaluation return of θ, when evaluated this round.</param>
/// <param name="Evaluations">Candidate evaluations this round.</param>
/// <param name="EnvSteps">Environment steps this round.</param>
/// <param name="WallSeconds">Seconds since the run started, when the round completed.</param>
/// <param name="CandidatesFailed">Candidates that failed this round.</param>
public sealed record GenerationPoint(
    int Generation,
    bool Updated,
    double? RewardMean,
    double? RewardMax,
    double? RewardMin,
    double? EvalReturn,
    long Evaluations,
    long EnvSteps,
    double WallSeconds,
    int CandidatesFailed);
