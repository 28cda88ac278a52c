using System.Numerics;

namespace Es.Core.Noise;

/// <summary>
/// Box–Muller for the noise table, built only from IEEE basic operations (+, −, ×, ÷, √,
/// comparisons, bit moves), which are correctly rounded everywhere: the platform's libm
/// never touches the bits.
/// </summary>
/// <remarks>
/// Why not <see cref="Randomness.DeterministicMath"/>: its series divide once per term and
/// keep 1e-15 accuracy, more than a float32 table can use, and building a full-size table
/// with them was a large share of a short run's start-up (decision 0002). Here short Horner
/// polynomials with constant coefficients keep about 1e-13 relative error (float32 needs
/// 6e-8) and are several times faster. The scalar methods are the reference definition;
/// <see cref="Transform"/> performs per lane exactly the same operations in the same order
/// (no fused multiply-add), so its bits are equal; a test holds the two together.
/// </remarks>
internal static class BoxMuller
{
    private const double Ln2 = 0.693147180559945309417232121458;
    private const double Sqrt2 = 1.4142135623730951;
    private const double TwoPi = 2.0 * Math.PI;

    // log(m) = 2 atanh(s) = 2 (s + s·z·Q(z)), z = s², |s| < 0.172: Q's terms 1/(2k+1), k = 1..7.
    private const double L1 = 1.0 / 3, L2 = 1.0 / 5, L3 = 1.0 / 7, L4 = 1.0 / 9, L5 = 1.0 / 11, L6 = 1.0 / 13, L7 = 1.0 / 15;

    // Taylor coefficients for |x| ≤ π/4, z = x²: cos = 1 + z·C(z), sin = x + x·z·S(z).
    private const double C1 = -1.0 / 2, C2 = 1.0 / 24, C3 = -1.0 / 720, C4 = 1.0 / 40320,
        C5 = -1.0 / 3628800, C6 = 1.0 / 479001600, C7 = -1.0 / 87178291200;

    private const double S1 = -1.0 / 6, S2 = 1.0 / 120, S3 = -1.0 / 5040, S4 = 1.0 / 362880,
        S5 = -1.0 / 39916800, S6 = 1.0 / 6227020800, S7 = -1.0 / 1307674368000;

    /// <summary>The two deviates r·cos(2πu2), r·sin(2πu2) with r = sqrt(−2 ln u1).</summary>
    public static void Pair(double u1, double u2, out double z0, out double z1)
    {
        double radius = Math.Sqrt(-2.0 * Log(u1)); // IEEE sqrt is correctly rounded
        SinCosTwoPi(u2, out double cos, out double sin);
        z0 = radius * cos;
        z1 = radius * sin;
    }

    /// <summary>Natural logarithm of a positive, finite, normal <paramref name="x"/>.</summary>
    public static double Log(double x)
    {
        System.Diagnostics.Debug.Assert(x > 0 && double.IsNormal(x));
        long bits = BitConverter.DoubleToInt64Bits(x);
        double exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent += 1.0;
        }

        double s = (m - 1.0) / (m + 1.0);
        double z = s * s;
        double q = L1 + (z * (L2 + (z * (L3 + (z * (L4 + (z * (L5 + (z * (L6 + (z * L7)))))))))));
        return (2.0 * (s + ((s * z) * q))) + (exponent * Ln2);
    }

    /// <summary>cos(2π·<paramref name="turns"/>) and sin(2π·<paramref name="turns"/>), turns in [0, 1).</summary>
    public static void SinCosTwoPi(double turns, out double cos, out double sin)
    {
        System.Diagnostics.Debug.Assert(turns >= 0 && turns < 1);

        // Fold to t in [0, 1/4]; every fold is exact (Sterbenz), and cos and sin share it.
        double t = turns;
        bool firstFold = t > 0.5;
        t = firstFold ? 1.0 - t : t;    // cos(2π(1−t)) = cos, sin(2π(1−t)) = −sin
        bool secondFold = t > 0.25;
        t = secondFold ? 0.5 - t : t;   // cos(π−x) = −cos x, sin(π−x) = sin x
        bool low = t <= 0.125;          // above π/4, swap roles: cos x = sin(π/2 − x)
        double x = low ? TwoPi * t : TwoPi * (0.25 - t);
        double z = x * x;
        double c = 1.0 + (z * (C1 + (z * (C2 + (z * (C3 + (z * (C4 + (z * (C5 + (z * (C6 + (z * C7)))))))))))));
        double s = x + ((x * z) * (S1 + (z * (S2 + (z * (S3 + (z * (S4 + (z * (S5 + (z * (S6 + (z * S7)))))))))))));
        cos = (secondFold ? -1.0 : 1.0) * (low ? c : s);
        sin = (firstFold ? -1.0 : 1.0) * (low ? s : c);
    }

    /// <summary>
    /// Replaces each (u1, u2) pair, u1 in (0, 1] and u2 in [0, 1), with the deviates of
    /// <see cref="Pair"/>: <paramref name="u1ThenCos"/> gets r·cos, <paramref name="u2ThenSin"/> r·sin.
    /// </summary>
    public static void Transform(Span<double> u1ThenCos, Span<double> u2ThenSin)
    {
        System.Diagnostics.Debug.Assert(u1ThenCos.Length == u2ThenSin.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var minusTwo = new Vector<double>(-2.0);
            for (; i <= u1ThenCos.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var radius = Vector.SquareRoot(minusTwo * Log(new Vector<double>(u1ThenCos.Slice(i))));
                SinCosTwoPi(new Vector<double>(u2ThenSin.Slice(i)), out var cos, out var sin);
                (radius * cos).CopyTo(u1ThenCos.Slice(i));
                (radius * sin).CopyTo(u2ThenSin.Slice(i));
            }
        }

        for (; i < u1ThenCos.Length; i++)
        {
            Pair(u1ThenCos[i], u2ThenSin[i], out u1ThenCos[i], out u2ThenSin[i]);
        }
    }

    /// <summary>Lane-wise <see cref="Log(double)"/>.</summary>
    internal static Vector<double> Log(Vector<double> x)
    {
        var bits = Vector.AsVectorInt64(x);
        var biased = Vector.ShiftRightLogical(bits, 52) & new Vector<long>(0x7FF);

        // The biased exponent as an exact double without a long→double conversion (which
        // AVX2 lacks): (2^52 + e) − 2^52 = e exactly, then e − 1023 exactly.
        var exponent = (Vector.AsVectorDouble(biased | new Vector<long>(0x4330000000000000L))
            - new Vector<double>(4503599627370496.0)) - new Vector<double>(1023.0);
        var m = Vector.AsVectorDouble((bits & new Vector<long>(0x000FFFFFFFFFFFFFL)) | new Vector<long>(0x3FF0000000000000L));
        var high = Vector.GreaterThan(m, new Vector<double>(Sqrt2));
        m = Vector.ConditionalSelect(high, m * new Vector<double>(0.5), m);
        exponent = Vector.ConditionalSelect(high, exponent + Vector<double>.One, exponent);

        var one = Vector<double>.One;
        var s = (m - one) / (m + one);
        var z = s * s;
        var q = new Vector<double>(L7);
        q = new Vector<double>(L6) + (z * q);
        q = new Vector<double>(L5) + (z * q);
        q = new Vector<double>(L4) + (z * q);
        q = new Vector<double>(L3) + (z * q);
        q = new Vector<double>(L2) + (z * q);
        q = new Vector<double>(L1) + (z * q);
        return (new Vector<double>(2.0) * (s + ((s * z) * q))) + (exponent * new Vector<double>(Ln2));
    }

    /// <summary>Lane-wise <see cref="SinCosTwoPi(double, out double, out double)"/>.</summary>
    internal static void SinCosTwoPi(Vector<double> turns, out Vector<double> cos, out Vector<double> sin)
    {
        var one = Vector<double>.One;
        var minusOne = new Vector<double>(-1.0);
        var t = turns;
        var firstFold = Vector.GreaterThan(t, new Vector<double>(0.5));
        t = Vector.ConditionalSelect(firstFold, one - t, t);
        var secondFold = Vector.GreaterThan(t, new Vector<double>(0.25));
        t = Vector.ConditionalSelect(secondFold, new Vector<double>(0.5) - t, t);
        var low = Vector.LessThanOrEqual(t, new Vector<double>(0.125));
        var twoPi = new Vector<double>(TwoPi);
        var x = Vector.ConditionalSelect(low, twoPi * t, twoPi * (new Vector<double>(0.25) - t));
        var z = x * x;

        var c = new Vector<double>(C7);
        c = new Vector<double>(C6) + (z * c);
        c = new Vector<double>(C5) + (z * c);
        c = new Vector<double>(C4) + (z * c);
        c = new Vector<double>(C3) + (z * c);
        c = new Vector<double>(C2) + (z * c);
        c = new Vector<double>(C1) + (z * c);
        c = one + (z * c);

        var s = new Vector<double>(S7);
        s = new Vector<double>(S6) + (z * s);
        s = new Vector<double>(S5) + (z * s);
        s = new Vector<double>(S4) + (z * s);
        s = new Vector<double>(S3) + (z * s);
        s = new Vector<double>(S2) + (z * s);
        s = new Vector<double>(S1) + (z * s);
        s = x + ((x * z) * s);

        cos = Vector.ConditionalSelect(secondFold, minusOne, one) * Vector.ConditionalSelect(low, c, s);
        sin = Vector.ConditionalSelect(firstFold, minusOne, one) * Vector.ConditionalSelect(low, s, c);
    }
}
