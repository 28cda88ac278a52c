using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Es.Core.Optimizers;

/// <summary>
/// SGD with momentum as in Salimans et al.'s reference code (an exponential average, not
/// a heavy ball): v ← μ v + (1 − μ) g; θ ← θ + (−lr·v).
/// </summary>
public sealed class SgdMomentum : IOptimizer
{
    /// <summary>Name recorded in <see cref="OptimizerState"/>.</summary>
    public const string StateName = "sgd-momentum";

    private readonly float[] _v;

    /// <summary>Creates the optimizer for <paramref name="dimension"/> parameters with zero velocity.</summary>
    public SgdMomentum(int dimension, double learningRate, double momentum = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (!(momentum is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Expected momentum in [0, 1).");
        }

        Dimension = dimension;
        LearningRate = learningRate;
        Momentum = momentum;
        _v = new float[dimension];
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>Step size (lr).</summary>
    public double LearningRate { get; }

    /// <summary>Decay of the velocity (μ).</summary>
    public double Momentum { get; }

    /// <inheritdoc/>
    public void Step(Span<float> theta, ReadOnlySpan<float> lossGradient)
    {
        OptimizerStateGuard.CheckStep(Dimension, theta, lossGradient);
        StepCount++;
        float mu = (float)Momentum, c = (float)(1.0 - Momentum), minusLr = (float)-LearningRate;
        ref float th = ref MemoryMarshal.GetReference(theta);
        ref float g = ref MemoryMarshal.GetReference(lossGradient);
        ref float v = ref MemoryMarshal.GetArrayDataReference(_v);
        int n = Dimension;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vMu = new Vector<float>(mu);
            var vC = new Vector<float>(c);
            var vMinusLr = new Vector<float>(minusLr);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                nuint at = (nuint)i;
                var vi = (vMu * Vector.LoadUnsafe(ref v, at)) + (vC * Vector.LoadUnsafe(ref g, at));
                vi.StoreUnsafe(ref v, at);
                (Vector.LoadUnsafe(ref th, at) + (vMinusLr * vi)).StoreUnsafe(ref th, at);
            }
        }

        for (; i < n; i++)
        {
            float vi = (mu * Unsafe.Add(ref v, i)) + (c * Unsafe.Add(ref g, i));
            Unsafe.Add(ref v, i) = vi;
            Unsafe.Add(ref th, i) += minusLr * vi;
        }
    }

    /// <inheritdoc/>
    public OptimizerState Export() => new(StateName, StepCount, [(float[])_v.Clone()]);

    /// <inheritdoc/>
    public void Import(OptimizerState state)
    {
        OptimizerStateGuard.CheckImport(state, StateName, Dimension, moments: 1);
        state.Moments[0].CopyTo(_v, 0);
        StepCount = state.StepCount;
    }
}
