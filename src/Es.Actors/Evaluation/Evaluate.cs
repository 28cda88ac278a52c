using Es.Actors.Fabric;
using Es.Core.Rollouts;

namespace Es.Actors.Evaluation;

/// <summary>Asks an evaluator to score a task against a generation's view.</summary>
/// <param name="Task">The task.</param>
/// <param name="View">θ, filter and σ of the task's generation.</param>
public sealed record Evaluate(EvaluationTask Task, GenerationView View);

/// <summary>An evaluator's answer to <see cref="Evaluate"/>.</summary>
/// <param name="Result">The scores.</param>
public sealed record Evaluated(TaskResult Result);
