using Es.Actors.Fabric;

namespace Es.Actors.Evaluation;

/// <summary>A task handed to an evaluator: its lease, which hand-out it is (the answer carries the number back), and its ticket.</summary>
/// <param name="Lease">The task's lease, owned by the pool until settled.</param>
/// <param name="Dispatch">Names this hand-out; an answer carrying another number is stale.</param>
/// <param name="Ticket">Lets the pool take the hand-out back while it still waits in the mailbox.</param>
/// <param name="Abandon">Cancelled when the pool gives up on the hand-out (<see cref="Evaluate.Abandoned"/>).</param>
internal sealed record HandOut(TaskLease Lease, long Dispatch, HandOutTicket Ticket, CancellationTokenSource Abandon);
