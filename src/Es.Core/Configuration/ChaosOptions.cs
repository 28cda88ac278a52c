namespace Es.Core.Configuration;

/// <summary>
/// The <c>chaos</c> section: faults injected on purpose, to test a cluster's supervision.
/// Which candidate evaluations fail is a pure function of the run seed and the candidate's
/// name, and only first attempts fail, so a run with chaos reaches the same θ as one without.
/// </summary>
public sealed record ChaosOptions
{
    /// <summary>Fraction of candidate evaluations whose first attempt throws inside the evaluator.</summary>
    public double EvaluatorCrashRate { get; init; }

    /// <summary>Fraction of candidate evaluations whose first attempt hangs until the task deadline restarts the evaluator.</summary>
    public double EvaluatorHangRate { get; init; }

    /// <summary>True when any fault is injected.</summary>
    public bool Enabled => EvaluatorCrashRate > 0 || EvaluatorHangRate > 0;
}
