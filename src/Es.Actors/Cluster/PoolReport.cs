namespace Es.Actors.Cluster;

/// <summary>A node's evaluator pool as the dispatcher counts it.</summary>
/// <param name="Address">The node's cluster address.</param>
/// <param name="Evaluators">Evaluators it registered.</param>
/// <param name="TasksInFlight">Tasks of the current generation it holds unanswered.</param>
/// <param name="EvaluatorRestarts">Its evaluators' restarts, as it last reported them.</param>
/// <param name="TasksPutBack">Its tasks put back for other nodes (it was lost or unreachable).</param>
public sealed record PoolReport(string Address, int Evaluators, int TasksInFlight, long EvaluatorRestarts, long TasksPutBack);
