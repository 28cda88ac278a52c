using Es.Actors.Fabric;
using Es.Core.Rollouts;

namespace Es.Actors.Evaluation;

/// <summary>Asks an evaluator to score a task against a generation's view.</summary>
/// <param name="Task">The task.</param>
/// <param name="View">θ, filter and σ of the task's generation.</param>
/// <param name="Dispatch">Names this hand-out of the task; the answer carries it back, so an answer to an abandoned hand-out is recognised.</param>
/// <param name="Attempt">Which attempt at the task this is, from 1.</param>
/// <param name="Ticket">When given, the evaluator must win <see cref="HandOutTicket.TryStart"/> before it scores the task, and skips it otherwise (the pool took it back).</param>
/// <param name="Abandoned">Cancelled when the pool gives up on this hand-out (its deadline passed, or the system is shutting down): work that may block for long observes it, so a hung episode releases its thread.</param>
public sealed record Evaluate(EvaluationTask Task, GenerationView View, long Dispatch = 0, int Attempt = 1, HandOutTicket? Ticket = null, CancellationToken Abandoned = default);

/// <summary>An evaluator's answer to <see cref="Evaluate"/>.</summary>
/// <param name="Result">The scores.</param>
/// <param name="Dispatch">The <see cref="Evaluate.Dispatch"/> answered.</param>
public sealed record Evaluated(TaskResult Result, long Dispatch = 0);

/// <summary>An evaluator instance is up (started or restarted) and can take work: sent to its parent from PreStart (Akka runs PreStart after a restart too).</summary>
public sealed record EvaluatorReady;
