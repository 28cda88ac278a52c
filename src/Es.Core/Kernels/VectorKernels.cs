using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Es.Core.Kernels;

/// <summary>
/// Vectorised, allocation-free kernels for the policy forward pass. Each has a plain
/// counterpart in <see cref="ReferenceKernels"/> and a test holding the two together.
/// </summary>
/// <remarks>
/// Determinism: every kernel's result depends only on its inputs, never on the machine's
/// vector width. <see cref="Tanh"/> and <see cref="Relu"/> are element-wise with the same
/// operation sequence in the vector body and the scalar tail; <see cref="MatVec"/> fixes
/// its summation order to eight lanes (see there) and gets those lanes from Vector256,
/// two Vector128 halves, or plain scalars, all of which give identical bits.
/// </remarks>
public static class VectorKernels
{
    /// <summary>Width of the fixed lane order used by <see cref="MatVec"/>.</summary>
    public const int MatVecLanes = 8;

    /// <summary>
    /// y[i] = tanh(x[i]) to within 2e-6 absolute, saturating at exactly ±1.
    /// <paramref name="x"/> and <paramref name="y"/> may be the same span (in place).
    /// </summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch(nameof(y));
        }

        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Element-wise with the same operations as every other width: the bits do not change.
            ref float xRef = ref MemoryMarshal.GetReference(x);
            ref float yRef = ref MemoryMarshal.GetReference(y);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                TanhApproximation.Evaluate(Vector512.LoadUnsafe(ref xRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
            }
        }

        if (Vector.IsHardwareAccelerated)
        {
            ref float xRef = ref MemoryMarshal.GetReference(x);
            ref float yRef = ref MemoryMarshal.GetReference(y);
            int width = Vector<float>.Count;
            for (; i <= x.Length - width; i += width)
            {
                TanhApproximation.Evaluate(Vector.LoadUnsafe(ref xRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = TanhApproximation.Evaluate(x[i]);
        }
    }

    /// <summary>x[i] = max(x[i], 0) in place; −0 and NaN become +0.</summary>
    public static void Relu(Span<float> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float xRef = ref MemoryMarshal.GetReference(x);
            int width = Vector<float>.Count;
            for (; i <= x.Length - width; i += width)
            {
                Vector<float> v = Vector.LoadUnsafe(ref xRef, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), v, Vector<float>.Zero)
                    .StoreUnsafe(ref xRef, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            // same compare-and-select as the vector body, so −0 and NaN map to +0 on both paths
            x[i] = x[i] > 0f ? x[i] : 0f;
        }
    }

    /// <summary>
    /// y = W·x + b with W of shape [y.Length, x.Length] stored row-major.
    /// </summary>
    /// <remarks>
    /// Summation order (fixed, so results are bit-identical on every run and machine):
    /// x is zero-padded to a multiple of 8; for each row, eight float accumulators start
    /// at +0 and lane l adds w[8k+l]·x[8k+l] for k = 0, 1, … (multiply then add, never
    /// fused); the lanes are reduced as ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)); the bias is
    /// added last. <see cref="ReferenceKernels.MatVecEightLane"/> spells this out in scalars.
    /// </remarks>
    public static void MatVec(ReadOnlySpan<float> weightsRowMajor, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        if (bias.Length != y.Length)
        {
            ThrowLengthMismatch(nameof(bias));
        }

        if (weightsRowMajor.Length != (long)y.Length * x.Length)
        {
            ThrowLengthMismatch(nameof(weightsRowMajor));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            MatVec256(weightsRowMajor, x, bias, y);
        }
        else
        {
            // Vector128 is accelerated on SSE and NEON machines and gives the same lanes.
            MatVec128(weightsRowMajor, x, bias, y);
        }
    }

    /// <summary>The eight lanes in one Vector256 accumulator per row, four rows per pass (<see cref="MatVecRows256"/>).</summary>
    internal static void MatVec256(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y) =>
        MatVecRows256.Run(w, x, bias, y);

    /// <summary>The same eight lanes as two Vector128 halves (lanes 0–3 and 4–7).</summary>
    internal static void MatVec128(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        int cols = x.Length;
        int fullBlocks = cols / MatVecLanes;
        int tailStart = fullBlocks * MatVecLanes;
        bool hasTail = tailStart != cols;

        Span<float> xTail = stackalloc float[MatVecLanes];
        Span<float> wTail = stackalloc float[MatVecLanes];
        xTail.Clear();
        wTail.Clear();
        x[tailStart..].CopyTo(xTail);
        Vector128<float> xTailLo = Vector128.Create<float>(xTail[..4]);
        Vector128<float> xTailHi = Vector128.Create<float>(xTail[4..]);

        ref float xRef = ref MemoryMarshal.GetReference(x);
        for (int r = 0; r < y.Length; r++)
        {
            ReadOnlySpan<float> row = w.Slice(r * cols, cols);
            ref float rowRef = ref MemoryMarshal.GetReference(row);
            Vector128<float> lo = Vector128<float>.Zero;
            Vector128<float> hi = Vector128<float>.Zero;
            for (int k = 0; k < tailStart; k += MatVecLanes)
            {
                lo += Vector128.LoadUnsafe(ref rowRef, (nuint)k) * Vector128.LoadUnsafe(ref xRef, (nuint)k);
                hi += Vector128.LoadUnsafe(ref rowRef, (nuint)(k + 4)) * Vector128.LoadUnsafe(ref xRef, (nuint)(k + 4));
            }

            if (hasTail)
            {
                row[tailStart..].CopyTo(wTail);
                lo += Vector128.Create<float>(wTail[..4]) * xTailLo;
                hi += Vector128.Create<float>(wTail[4..]) * xTailHi;
            }

            y[r] = Reduce(lo, hi) + bias[r];
        }
    }

    /// <summary>((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)), written out so no library sum picks the order.</summary>
    private static float Reduce(Vector128<float> lanes0To3, Vector128<float> lanes4To7)
    {
        Vector128<float> s = lanes0To3 + lanes4To7;
        return (s.GetElement(0) + s.GetElement(2)) + (s.GetElement(1) + s.GetElement(3));
    }

    private static void ThrowLengthMismatch(string paramName) =>
        throw new ArgumentException("Span lengths do not match the kernel's shape.", paramName);
}
