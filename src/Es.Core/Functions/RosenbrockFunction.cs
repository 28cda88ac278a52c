using Es.Core.Randomness;

namespace Es.Core.Functions;

/// <summary>
/// f(x) = Σ_{i&lt;d−1} 100 (x_{i+1} − x_i²)² + (1 − x_i)²: a curved valley, minimum 0 at
/// (1, …, 1). Starts at x ~ U(−1.5, −0.5)^d, on the far side of the valley.
/// </summary>
public sealed class RosenbrockFunction : IObjectiveFunction
{
    /// <summary>The registered name.</summary>
    public const string FunctionName = "rosenbrock";

    /// <summary>Creates the function in <paramref name="dimension"/> dimensions (at least 2).</summary>
    public RosenbrockFunction(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 2);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public string Name => FunctionName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double SolvedThreshold => -1e-2;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        FunctionArguments.CheckLength(Dimension, x.Length, nameof(x));
        double sum = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double xi = x[i];
            double valley = x[i + 1] - (xi * xi);
            double offset = 1.0 - xi;
            sum += (100.0 * valley * valley) + (offset * offset);
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
            x[i] = (float)rng.Uniform(-1.5, -0.5);
        }
    }
}
