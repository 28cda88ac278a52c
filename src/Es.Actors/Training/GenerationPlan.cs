using Es.Actors.Fabric;
using Es.Core.Rollouts;

namespace Es.Actors.Training;

/// <summary>What the coordinator publishes for one round: the view and the tasks.</summary>
/// <param name="View">θ, filter and σ of the generation.</param>
/// <param name="Tasks">The tasks, candidates first, then evaluation episodes.</param>
public sealed record GenerationPlan(GenerationView View, IReadOnlyList<EvaluationTask> Tasks);
