namespace Es.Actors.Evaluation;

/// <summary>The deadline of the hand-out an evaluator is running: when it started, when it is due, and the timer that checks.</summary>
/// <param name="Started">When the evaluator started it (as the pool saw it).</param>
/// <param name="Due">When it counts as hung.</param>
/// <param name="Timer">Sends the pool a deadline check at <paramref name="Due"/>.</param>
internal sealed record DeadlineClock(DateTimeOffset Started, DateTimeOffset Due, IDisposable Timer);
