using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Es.Core.Optimizers;

/// <summary>
/// Adam (Kingma and Ba), written as in Salimans et al.'s reference code:
/// a = lr·sqrt(1 − β2^t)/(1 − β1^t); m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
/// θ ← θ + (−a·m)/(sqrt(v) + ε).
/// </summary>
public sealed class Adam : IOptimizer
{
    /// <summary>Name recorded in <see cref="OptimizerState"/>.</summary>
    public const string StateName = "adam";

    private readonly float[] _m;
    private readonly float[] _v;

    /// <summary>Creates an Adam optimizer for <paramref name="dimension"/> parameters with zero moments.</summary>
    public Adam(int dimension, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (!(beta1 is >= 0 and < 1) || !(beta2 is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "Expected beta1 and beta2 in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        Dimension = dimension;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new float[dimension];
        _v = new float[dimension];
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>Step size (lr).</summary>
    public double LearningRate { get; }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to sqrt(v) so the step stays finite.</summary>
    public double Epsilon { get; }

    /// <summary>
    /// a = lr·sqrt(1 − β2^t)/(1 − β1^t) for step <paramref name="t"/>, in double, powers by
    /// repeated squaring (IEEE multiplications only: no libm pow, same bits everywhere).
    /// </summary>
    public double StepSize(long t) =>
        LearningRate * Math.Sqrt(1.0 - Power(Beta2, t)) / (1.0 - Power(Beta1, t));

    /// <inheritdoc/>
    public void Step(Span<float> theta, ReadOnlySpan<float> lossGradient)
    {
        OptimizerStateGuard.CheckStep(Dimension, theta, lossGradient);
        StepCount++;
        float a = (float)StepSize(StepCount);
        float b1 = (float)Beta1, c1 = (float)(1.0 - Beta1);
        float b2 = (float)Beta2, c2 = (float)(1.0 - Beta2);
        float eps = (float)Epsilon;

        ref float th = ref MemoryMarshal.GetReference(theta);
        ref float g = ref MemoryMarshal.GetReference(lossGradient);
        ref float m = ref MemoryMarshal.GetArrayDataReference(_m);
        ref float v = ref MemoryMarshal.GetArrayDataReference(_v);
        int n = Dimension;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Per lane the same float operations in the same order as the scalar tail.
            var vb1 = new Vector<float>(b1);
            var vc1 = new Vector<float>(c1);
            var vb2 = new Vector<float>(b2);
            var vc2 = new Vector<float>(c2);
            var vEps = new Vector<float>(eps);
            var vMinusA = new Vector<float>(-a);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                nuint at = (nuint)i;
                var gi = Vector.LoadUnsafe(ref g, at);
                var mi = (vb1 * Vector.LoadUnsafe(ref m, at)) + (vc1 * gi);
                var vi = (vb2 * Vector.LoadUnsafe(ref v, at)) + (vc2 * (gi * gi));
                mi.StoreUnsafe(ref m, at);
                vi.StoreUnsafe(ref v, at);
                (Vector.LoadUnsafe(ref th, at) + ((vMinusA * mi) / (Vector.SquareRoot(vi) + vEps))).StoreUnsafe(ref th, at);
            }
        }

        for (; i < n; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            float mi = (b1 * Unsafe.Add(ref m, i)) + (c1 * gi);
            float vi = (b2 * Unsafe.Add(ref v, i)) + (c2 * (gi * gi));
            Unsafe.Add(ref m, i) = mi;
            Unsafe.Add(ref v, i) = vi;
            Unsafe.Add(ref th, i) += (-a * mi) / (MathF.Sqrt(vi) + eps); // sqrt is IEEE, correctly rounded
        }
    }

    /// <inheritdoc/>
    public OptimizerState Export() => new(StateName, StepCount, [(float[])_m.Clone(), (float[])_v.Clone()]);

    /// <inheritdoc/>
    public void Import(OptimizerState state)
    {
        OptimizerStateGuard.CheckImport(state, StateName, Dimension, moments: 2);
        state.Moments[0].CopyTo(_m, 0);
        state.Moments[1].CopyTo(_v, 0);
        StepCount = state.StepCount;
    }

    private static double Power(double x, long n)
    {
        double result = 1.0;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= x;
            }

            x *= x;
            n >>= 1;
        }

        return result;
    }
}
