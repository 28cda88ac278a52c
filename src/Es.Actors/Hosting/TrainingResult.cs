using Es.Actors.Training;

namespace Es.Actors.Hosting;

/// <summary>A finished run and the fault counters the summary reports.</summary>
/// <param name="Outcome">The run's outcome.</param>
/// <param name="EvaluatorRestarts">Evaluator restarts ordered by supervisors.</param>
/// <param name="TasksRedelivered">Tasks handed out again after a failure.</param>
public sealed record TrainingResult(TrainingOutcome Outcome, long EvaluatorRestarts, long TasksRedelivered)
{
    /// <summary>Candidates scored again because the evaluator holding them failed, hung or was lost with its node.</summary>
    public long CandidatesRetried { get; init; }

    /// <summary>Candidates given up on (after every attempt) or with a NaN/infinite reward.</summary>
    public long CandidatesFailed => Outcome.CandidatesFailed;
}
