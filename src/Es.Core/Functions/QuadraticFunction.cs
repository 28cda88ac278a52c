using Es.Core.Randomness;

namespace Es.Core.Functions;

/// <summary>
/// f(x) = Σ (x_i − t_i)², the classic ES example: with 3 dimensions the target is
/// (0.5, 0.1, −0.3); in other dimensions t_i cycles through those three values.
/// Starts at x ~ N(0, 1) per coordinate.
/// </summary>
public sealed class QuadraticFunction : IObjectiveFunction
{
    /// <summary>The registered name.</summary>
    public const string FunctionName = "quadratic";

    /// <summary>Dimension used when none is given.</summary>
    public const int DefaultDimension = 3;

    private static readonly double[] TargetCycle = [0.5, 0.1, -0.3];

    /// <summary>Creates the function in <paramref name="dimension"/> dimensions (at least 1).</summary>
    public QuadraticFunction(int dimension = DefaultDimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public string Name => FunctionName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double SolvedThreshold => -1e-3;

    /// <summary>The target coordinate t_i (the minimiser).</summary>
    public static double Target(int index) => TargetCycle[index % TargetCycle.Length];

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        FunctionArguments.CheckLength(Dimension, x.Length, nameof(x));
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - TargetCycle[i % TargetCycle.Length];
            sum += d * d;
        }

        return sum;
    }

    /// <inheritdoc/>
    public void Initialize(Span<float> x, ulong seed)
    {
        FunctionArguments.CheckLength(Dimension, x.Length, nameof(x));
        var rng = new DeterministicRandom(seed);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)rng.NextGaussian();
        }
    }
}
