namespace Es.Core.Randomness;

/// <summary>
/// Transcendental functions built from IEEE-754 basic operations only (which are
/// correctly rounded everywhere), so noise generated from a seed has the same bits on
/// every machine. Accurate to about 1e-15 relative, plenty for sampling.
/// </summary>
public static class DeterministicMath
{
    private const double Ln2 = 0.693147180559945309417232121458;

    /// <summary>Square root: IEEE-754 requires it correctly rounded, so it is deterministic.</summary>
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <summary>Natural logarithm of a positive, finite, normal <paramref name="x"/>.</summary>
    public static double Log(double x)
    {
        System.Diagnostics.Debug.Assert(x > 0 && double.IsFinite(x));
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        // mantissa m in [1, 2); move to [sqrt(1/2), sqrt(2)) so the series argument is small
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            exponent++;
        }

        // log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172: the odd series converges fast
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double term = s;
        double sum = s;
        for (int k = 3; k <= 31; k += 2)
        {
            term *= s2;
            sum += term / k;
        }

        return (2.0 * sum) + (exponent * Ln2);
    }

    /// <summary>cos(2π·<paramref name="turns"/>) for <paramref name="turns"/> in [0, 1).</summary>
    public static double CosTwoPi(double turns)
    {
        // Reduce to a quarter turn by symmetry, then a Taylor series on [-π/4, π/4].
        double t = turns - Math.Floor(turns);
        double sign = 1.0;
        if (t > 0.5)
        {
            t = 1.0 - t;
        }

        if (t > 0.25)
        {
            t = 0.5 - t;
            sign = -1.0;
        }

        // now cos(2πt) with t in [0, 0.25]; use sin for the upper half for accuracy
        return t <= 0.125
            ? sign * CosSeries(2.0 * Math.PI * t)
            : sign * SinSeries(2.0 * Math.PI * (0.25 - t));
    }

    private static double CosSeries(double x)
    {
        double x2 = x * x;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k <= 10; k++)
        {
            term *= -x2 / ((2 * k - 1) * (2 * k));
            sum += term;
        }

        return sum;
    }

    private static double SinSeries(double x)
    {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int k = 1; k <= 10; k++)
        {
            term *= -x2 / ((2 * k) * (2 * k + 1));
            sum += term;
        }

        return sum;
    }
}
