namespace Es.Actors.Fabric;

/// <summary>The scores of one <see cref="EvaluationTask"/>.</summary>
/// <param name="Task">The task answered.</param>
/// <param name="Returns">One return per candidate (mean over its episodes) or per evaluation episode, in index order.</param>
/// <param name="Steps">Environment steps the task took.</param>
/// <param name="Observations">Observation statistics of the sampled candidates (empty when none).</param>
public sealed record TaskResult(EvaluationTask Task, double[] Returns, long Steps, ObservationDelta[] Observations)
{
    /// <summary>Why the task's candidates were given up on (every attempt failed), or null for a scored task.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The result of a task given up on: every return is NaN, which the coordinator counts as
    /// a failed candidate (as it does a NaN or infinite reward an environment produced).
    /// </summary>
    public static TaskResult Failed(EvaluationTask task, string error)
    {
        ArgumentNullException.ThrowIfNull(task);
        var returns = new double[task.Count];
        Array.Fill(returns, double.NaN);
        return new TaskResult(task, returns, 0, []) { Error = error };
    }
}
