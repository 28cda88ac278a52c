namespace Es.Dashboard.Model;

/// <summary>One node of the run's cluster at a moment: a row of the dashboard's cluster panel.</summary>
/// <param name="Address">The node's address (host:port, or "local" in an embedded run).</param>
/// <param name="Role">What the node does: seed, worker, or embedded.</param>
/// <param name="State">Its membership.</param>
/// <param name="Evaluators">Evaluators it runs.</param>
/// <param name="TasksInFlight">Tasks handed to it and not yet answered; null when not known.</param>
/// <param name="Restarts">Evaluator restarts its supervisors ordered.</param>
/// <param name="Redeliveries">Its tasks handed out again after a failure.</param>
/// <param name="StaleResults">Results it sent after their generation had closed.</param>
public sealed record NodeSnapshot(
    string Address,
    string Role,
    NodeState State,
    int Evaluators,
    int? TasksInFlight,
    long Restarts,
    long Redeliveries,
    long StaleResults);
