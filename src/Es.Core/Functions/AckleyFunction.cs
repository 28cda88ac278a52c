using Es.Core.Randomness;

namespace Es.Core.Functions;

/// <summary>
/// f(x) = −20 exp(−0.2 √(Σx_i²/d)) − exp(Σ cos(2πx_i)/d) + 20 + e: a nearly flat outer
/// region with a deep hole at the origin (minimum 0). Starts at x ~ U(1, 3)^d. The
/// exponential and cosine are computed from IEEE basic operations only, not libm.
/// </summary>
public sealed class AckleyFunction : IObjectiveFunction
{
    /// <summary>The registered name.</summary>
    public const string FunctionName = "ackley";

    // fdlibm's split of ln 2: the high part has trailing zero bits, so k·Ln2Hi is exact.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;

    /// <summary>Creates the function in <paramref name="dimension"/> dimensions (at least 1).</summary>
    public AckleyFunction(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public string Name => FunctionName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double SolvedThreshold => -0.1;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        FunctionArguments.CheckLength(Dimension, x.Length, nameof(x));
        double sumSquares = 0;
        double sumCos = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            sumSquares += v * v;
            sumCos += DeterministicMath.CosTwoPi(v - Math.Floor(v));
        }

        double d = x.Length;
        double radial = -20.0 * Exp(-0.2 * DeterministicMath.Sqrt(sumSquares / d));
        double ripple = -Exp(sumCos / d);
        return radial + ripple + 20.0 + Math.E;
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

    /// <summary>
    /// e^x to about 1e-15 relative from basic operations: x = k·ln2 + r with |r| ≤ ln2/2,
    /// a degree-16 Taylor polynomial for e^r, then an exact scaling by 2^k. Results below
    /// the normal range are returned as 0 (Ackley's terms are then negligible).
    /// </summary>
    internal static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x < -708.0)
        {
            return 0.0;
        }

        if (x > 709.0)
        {
            return double.PositiveInfinity;
        }

        double k = Math.Floor((x * InvLn2) + 0.5); // floor is exact in IEEE-754
        double r = (x - (k * Ln2Hi)) - (k * Ln2Lo);

        // Horner form of Σ r^n/n!: p = 1 + r/n·p from the top term down.
        double p = 1.0;
        for (int n = 16; n >= 1; n--)
        {
            p = 1.0 + (r / n * p);
        }

        // k is in [−1021, 1023] here, so 2^k is a normal double built from its exponent bits.
        double scale = BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
        return p * scale;
    }
}
