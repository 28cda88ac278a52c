using System.Numerics;
using System.Runtime.Intrinsics;

namespace Es.Core.Kernels;

/// <summary>
/// The single tanh formula shared by the vector body, the scalar tail and the reference:
/// a [13/6] odd/even rational approximation on a clamped argument (the coefficients of
/// Eigen's <c>generic_fast_tanh_float</c>), evaluated by Horner's rule.
/// </summary>
/// <remarks>
/// Only IEEE-754 basic operations appear (compare, select, *, +, /), each correctly
/// rounded per lane, and never fused: the scalar and vector overloads perform the same
/// operation sequence, so an element gets the same bits whichever path and whatever
/// <see cref="Vector{T}.Count"/> handles it. No libm means no per-platform differences.
/// </remarks>
internal static class TanhApproximation
{
    // Beyond ±Clamp float tanh is within 3e-7 of ±1; clamping also keeps x^13 finite.
    private const float Clamp = 7.90531110763549805f;

    private const float Alpha1 = 4.89352455891786e-03f;
    private const float Alpha3 = 6.37261928875436e-04f;
    private const float Alpha5 = 1.48572235717979e-05f;
    private const float Alpha7 = 5.12229709037114e-08f;
    private const float Alpha9 = -8.60467152213735e-11f;
    private const float Alpha11 = 2.00018790482477e-13f;
    private const float Alpha13 = -2.76076847742355e-16f;

    private const float Beta0 = 4.89352518554385e-03f;
    private const float Beta2 = 2.26843463243900e-03f;
    private const float Beta4 = 1.18534705686654e-04f;
    private const float Beta6 = 1.19825839466702e-06f;

    /// <summary>Scalar form. Keep in lock-step with the vector overload below.</summary>
    public static float Evaluate(float x)
    {
        x = x < -Clamp ? -Clamp : x;
        x = x > Clamp ? Clamp : x;
        float x2 = x * x;

        float p = Alpha13;
        p = (p * x2) + Alpha11;
        p = (p * x2) + Alpha9;
        p = (p * x2) + Alpha7;
        p = (p * x2) + Alpha5;
        p = (p * x2) + Alpha3;
        p = (p * x2) + Alpha1;
        p *= x;

        float q = Beta6;
        q = (q * x2) + Beta4;
        q = (q * x2) + Beta2;
        q = (q * x2) + Beta0;

        float r = p / q;
        r = r < -1f ? -1f : r;
        return r > 1f ? 1f : r;
    }

    /// <summary>Vector form: the same operations, lane by lane.</summary>
    public static Vector<float> Evaluate(Vector<float> x)
    {
        var lo = new Vector<float>(-Clamp);
        var hi = new Vector<float>(Clamp);
        x = Vector.ConditionalSelect(Vector.LessThan(x, lo), lo, x);
        x = Vector.ConditionalSelect(Vector.GreaterThan(x, hi), hi, x);
        Vector<float> x2 = x * x;

        var p = new Vector<float>(Alpha13);
        p = (p * x2) + new Vector<float>(Alpha11);
        p = (p * x2) + new Vector<float>(Alpha9);
        p = (p * x2) + new Vector<float>(Alpha7);
        p = (p * x2) + new Vector<float>(Alpha5);
        p = (p * x2) + new Vector<float>(Alpha3);
        p = (p * x2) + new Vector<float>(Alpha1);
        p *= x;

        var q = new Vector<float>(Beta6);
        q = (q * x2) + new Vector<float>(Beta4);
        q = (q * x2) + new Vector<float>(Beta2);
        q = (q * x2) + new Vector<float>(Beta0);

        Vector<float> r = p / q;
        var minusOne = new Vector<float>(-1f);
        r = Vector.ConditionalSelect(Vector.LessThan(r, minusOne), minusOne, r);
        return Vector.ConditionalSelect(Vector.GreaterThan(r, Vector<float>.One), Vector<float>.One, r);
    }

    /// <summary>Vector512 form (AVX-512 machines): the same operations, lane by lane.</summary>
    public static Vector512<float> Evaluate(Vector512<float> x)
    {
        var lo = Vector512.Create(-Clamp);
        var hi = Vector512.Create(Clamp);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, lo), lo, x);
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, hi), hi, x);
        Vector512<float> x2 = x * x;

        var p = Vector512.Create(Alpha13);
        p = (p * x2) + Vector512.Create(Alpha11);
        p = (p * x2) + Vector512.Create(Alpha9);
        p = (p * x2) + Vector512.Create(Alpha7);
        p = (p * x2) + Vector512.Create(Alpha5);
        p = (p * x2) + Vector512.Create(Alpha3);
        p = (p * x2) + Vector512.Create(Alpha1);
        p *= x;

        var q = Vector512.Create(Beta6);
        q = (q * x2) + Vector512.Create(Beta4);
        q = (q * x2) + Vector512.Create(Beta2);
        q = (q * x2) + Vector512.Create(Beta0);

        Vector512<float> r = p / q;
        var minusOne = Vector512.Create(-1f);
        r = Vector512.ConditionalSelect(Vector512.LessThan(r, minusOne), minusOne, r);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(r, Vector512<float>.One), Vector512<float>.One, r);
    }
}
