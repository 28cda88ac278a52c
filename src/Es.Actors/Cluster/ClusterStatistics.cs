namespace Es.Actors.Cluster;

/// <summary>What the coordinator's fabric counted.</summary>
/// <param name="NodesUp">Nodes up now.</param>
/// <param name="NodesLost">Nodes lost (silent past the timeout).</param>
/// <param name="TasksRedelivered">Results of tasks the broker had delivered before (a node died or an evaluator failed holding them).</param>
/// <param name="StaleResults">Results of finished generations, ignored.</param>
/// <param name="Malformed">Malformed messages (dead-lettered or dropped).</param>
/// <param name="DeadLettered">Messages that reached the dead-letter queue.</param>
/// <param name="BytesOut">Message bytes the coordinator published per round: broadcasts and tasks (welcomes excluded).</param>
/// <param name="BytesIn">Message bytes it received (results, control).</param>
/// <param name="WelcomeBytes">Message bytes of welcomes (configuration and snapshot: the only time θ crosses the network).</param>
/// <param name="Generations">Rounds published.</param>
public sealed record ClusterStatistics(int NodesUp, int NodesLost, long TasksRedelivered, long StaleResults, long Malformed, long DeadLettered, long BytesOut, long BytesIn, long WelcomeBytes, int Generations);
