using Es.Actors.Training;

namespace Es.Actors.Hosting;

/// <summary>A finished run and the fault counters the summary reports.</summary>
/// <param name="Outcome">The run's outcome.</param>
/// <param name="EvaluatorRestarts">Evaluator restarts ordered by supervisors.</param>
/// <param name="TasksRedelivered">Tasks handed out again after a failure.</param>
public sealed record TrainingResult(TrainingOutcome Outcome, long EvaluatorRestarts, long TasksRedelivered);
