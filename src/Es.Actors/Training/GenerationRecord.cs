using Es.Actors.Fabric;

namespace Es.Actors.Training;

/// <summary>
/// Everything a completed round contributed to the run: the journal's event. Applying
/// the records in order to a snapshot rebuilds the session bit for bit, because the
/// update is a pure function of them (and of the configuration).
/// </summary>
/// <param name="Generation">The generation the round scored.</param>
/// <param name="HasPopulation">False for the final, evaluation-only round.</param>
/// <param name="Rewards">Every candidate's return, in index order (empty without a population).</param>
/// <param name="Observations">Observation statistics of the sampled candidates, in index order.</param>
/// <param name="EvalReturns">Evaluation episode returns of θ_g (empty when not evaluated).</param>
/// <param name="Steps">Environment steps the round took.</param>
public sealed record GenerationRecord(
    int Generation,
    bool HasPopulation,
    double[] Rewards,
    ObservationDelta[] Observations,
    double[] EvalReturns,
    long Steps);
