namespace Es.Actors.Evaluation;

/// <summary>What an evaluator held when it was taken off work: the hand-out it was running (with its clock) and the one waiting behind it.</summary>
/// <param name="Running">The hand-out it was running, if any.</param>
/// <param name="Clock">The running hand-out's deadline clock, if armed.</param>
/// <param name="Waiting">The hand-out waiting in its mailbox, if any.</param>
internal readonly record struct HeldHandOuts(HandOut? Running, DeadlineClock? Clock, HandOut? Waiting);
