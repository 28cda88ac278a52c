using Es.Core.Randomness;

namespace Es.Core.Functions;

/// <summary>f(x) = Σ x_i², minimum 0 at the origin. Starts at x ~ U(1, 3)^d, away from the optimum.</summary>
public sealed class SphereFunction : IObjectiveFunction
{
    /// <summary>The registered name.</summary>
    public const string FunctionName = "sphere";

    /// <summary>Creates the function in <paramref name="dimension"/> dimensions (at least 1).</summary>
    public SphereFunction(int dimension)
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

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        FunctionArguments.CheckLength(Dimension, x.Length, nameof(x));
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            sum += v * v;
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
            x[i] = (float)rng.Uniform(1.0, 3.0);
        }
    }
}
