namespace Es.Actors.Fabric;

/// <summary>The scores of one <see cref="EvaluationTask"/>.</summary>
/// <param name="Task">The task answered.</param>
/// <param name="Returns">One return per candidate (mean over its episodes) or per evaluation episode, in index order.</param>
/// <param name="Steps">Environment steps the task took.</param>
/// <param name="Observations">Observation statistics of the sampled candidates (empty when none).</param>
public sealed record TaskResult(EvaluationTask Task, double[] Returns, long Steps, ObservationDelta[] Observations);
