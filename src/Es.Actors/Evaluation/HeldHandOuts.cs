namespace Es.Actors.Evaluation;

/// <summary>What an evaluator held when it was taken off work: the hand-out it was running and the one that never started.</summary>
/// <param name="Running">The hand-out it was running, if any.</param>
/// <param name="Clock">A deadline clock to dispose, if one was armed.</param>
/// <param name="Waiting">The hand-out that waited in its mailbox and never started (withdrawn, when taken back), if any.</param>
internal readonly record struct HeldHandOuts(HandOut? Running, DeadlineClock? Clock, HandOut? Waiting);
