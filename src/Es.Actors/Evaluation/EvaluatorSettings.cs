using Es.Core.Rollouts;

namespace Es.Actors.Evaluation;

/// <summary>What evaluators need to know about the run besides the problem itself.</summary>
/// <param name="RunSeed">The run seed candidates' seeds derive from.</param>
/// <param name="ObservationFraction">Fraction of candidates whose observations are recorded (0 = none).</param>
public sealed record EvaluatorSettings(ulong RunSeed, double ObservationFraction)
{
    /// <summary>Faults to inject on purpose (none by default).</summary>
    public ChaosSchedule Chaos { get; init; } = ChaosSchedule.None;
}
