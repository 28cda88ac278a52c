using Es.Core.Randomness;

namespace Es.Core.Functions;

/// <summary>
/// f(x) = 10d + Σ (x_i² − 10 cos 2πx_i): many local minima on a grid, global minimum 0 at
/// the origin. Starts at x ~ U(1, 3)^d. The cosine is <see cref="DeterministicMath.CosTwoPi"/>,
/// not libm, so the value has the same bits on every machine.
/// </summary>
public sealed class RastriginFunction : IObjectiveFunction
{
    /// <summary>The registered name.</summary>
    public const string FunctionName = "rastrigin";

    /// <summary>Creates the function in <paramref name="dimension"/> dimensions (at least 1).</summary>
    public RastriginFunction(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public string Name => FunctionName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>−1: inside the global basin, short of its exact bottom.</summary>
    public double SolvedThreshold => -1.0;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        FunctionArguments.CheckLength(Dimension, x.Length, nameof(x));
        double sum = 10.0 * x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            sum += (v * v) - (10.0 * DeterministicMath.CosTwoPi(v - Math.Floor(v)));
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
