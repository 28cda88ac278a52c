namespace Es.Actors.Fabric;

/// <summary>
/// One candidate's observation statistics (Welford count, mean, M2 per dimension). The
/// coordinator merges these in candidate order, so the merged statistics do not depend on
/// how candidates were batched or which evaluator ran them.
/// </summary>
/// <param name="CandidateIndex">The candidate whose rollouts produced them.</param>
/// <param name="Count">Number of observations.</param>
/// <param name="Mean">Per-dimension mean.</param>
/// <param name="M2">Per-dimension sum of squared deviations.</param>
public sealed record ObservationDelta(int CandidateIndex, long Count, double[] Mean, double[] M2);
