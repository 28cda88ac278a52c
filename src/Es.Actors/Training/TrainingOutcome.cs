namespace Es.Actors.Training;

/// <summary>How a run ended: the facts <c>summary.json</c> reports.</summary>
/// <param name="GenerationsCompleted">Updates applied to θ.</param>
/// <param name="Evaluations">Candidate evaluations in total.</param>
/// <param name="EnvSteps">Environment steps in total.</param>
/// <param name="FinalEvalReturn">Mean evaluation return of the final θ (NaN if never evaluated).</param>
/// <param name="BestEvalReturn">Best mean evaluation return seen.</param>
/// <param name="Solved">True when an evaluation reached the solved threshold.</param>
/// <param name="SolvedGeneration">The first generation whose evaluation reached it.</param>
/// <param name="Theta">The final θ.</param>
/// <param name="Interrupted">True when the run was stopped on request before it finished.</param>
/// <param name="CandidatesFailed">Candidates that failed (given up on, or a NaN/infinite reward) in the whole run.</param>
public sealed record TrainingOutcome(
    int GenerationsCompleted,
    long Evaluations,
    long EnvSteps,
    double FinalEvalReturn,
    double BestEvalReturn,
    bool Solved,
    int? SolvedGeneration,
    float[] Theta,
    bool Interrupted,
    long CandidatesFailed = 0);
