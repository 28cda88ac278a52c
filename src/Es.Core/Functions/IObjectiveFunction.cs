namespace Es.Core.Functions;

/// <summary>
/// A black-box function to minimise, where θ itself is the candidate. The trainer
/// maximises the reward −f(x), so thresholds are stated in reward units.
/// </summary>
public interface IObjectiveFunction
{
    /// <summary>The registered name, e.g. <c>rastrigin</c>.</summary>
    string Name { get; }

    /// <summary>Number of dimensions of x.</summary>
    int Dimension { get; }

    /// <summary>Reward (−f) at or above which the problem counts as solved.</summary>
    double SolvedThreshold { get; }

    /// <summary>f(x). Allocation-free.</summary>
    double Evaluate(ReadOnlySpan<float> x);

    /// <summary>Writes the starting point drawn from <paramref name="seed"/> into <paramref name="x"/>.</summary>
    void Initialize(Span<float> x, ulong seed);
}
