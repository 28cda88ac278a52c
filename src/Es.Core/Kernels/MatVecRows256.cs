using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Es.Core.Kernels;

/// <summary>
/// The Vector256 body of <see cref="VectorKernels.MatVec"/>: eight rows per pass.
/// </summary>
/// <remarks>
/// <para>Why eight rows: one row's eight lanes form a single dependent chain of adds, so
/// a row at a time waits on the add latency for every block of 8 columns, and reducing
/// each row's lanes on its own costs as much as a 64-column dot product. Eight
/// independent accumulators keep the adders busy, each block of x is loaded once per
/// eight rows, and the eight rows are reduced together with shuffles, ending in one
/// vector store.</para>
/// <para>Bits: every row still sums exactly as <see cref="ReferenceKernels.MatVecEightLane"/>
/// spells out (lane l adds w·x for columns 8k+l in order from +0, never fused; lanes
/// reduced as ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)); the bias last). A horizontal add
/// computes the same a+b as a scalar add, and float addition is commutative, so neither
/// the grouping of rows nor the shuffles change a single bit.</para>
/// <para>The partial last block (columns not a multiple of 8) is loaded whole where eight
/// values are readable and its extra lanes are zeroed with a mask, so padded lanes add
/// (+0)·(+0) like the reference; rows at the very end of w rotate w's last eight values into place instead.</para>
/// </remarks>
internal static class MatVecRows256
{
    private const int Lanes = VectorKernels.MatVecLanes;

    public static void Run(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        Debug.Assert(w.Length == y.Length * x.Length && bias.Length == y.Length);
        int cols = x.Length;
        int rows = y.Length;
        int tailStart = cols - (cols % Lanes);
        int tail = cols - tailStart;

        Vector256<float> xTail = Vector256<float>.Zero;
        Vector256<float> mask = Vector256<float>.Zero;
        int safeRows = rows;
        if (tail != 0)
        {
            mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(tail)).AsSingle();
            xTail = EndBlock(x, tailStart, mask);

            // Row r's whole block [r·cols + tailStart, +8) must end inside w.
            int room = w.Length - tailStart - Lanes;
            safeRows = room < 0 ? 0 : Math.Min(rows, (room / cols) + 1);
        }

        ref float wRef = ref MemoryMarshal.GetReference(w);
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref float bRef = ref MemoryMarshal.GetReference(bias);
        int r = 0;
        if (Avx.IsSupported)
        {
            for (; r <= rows - 8; r += 8)
            {
                ref float w0 = ref Unsafe.Add(ref wRef, r * cols);
                Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                for (int k = 0; k < tailStart; k += Lanes)
                {
                    Vector256<float> xk = Vector256.LoadUnsafe(ref xRef, (nuint)k);
                    ref float wk = ref Unsafe.Add(ref w0, k);
                    a0 += Vector256.LoadUnsafe(ref wk) * xk;
                    a1 += Vector256.LoadUnsafe(ref wk, (nuint)cols) * xk;
                    a2 += Vector256.LoadUnsafe(ref wk, (nuint)(2 * cols)) * xk;
                    a3 += Vector256.LoadUnsafe(ref wk, (nuint)(3 * cols)) * xk;
                    a4 += Vector256.LoadUnsafe(ref wk, (nuint)(4 * cols)) * xk;
                    a5 += Vector256.LoadUnsafe(ref wk, (nuint)(5 * cols)) * xk;
                    a6 += Vector256.LoadUnsafe(ref wk, (nuint)(6 * cols)) * xk;
                    a7 += Vector256.LoadUnsafe(ref wk, (nuint)(7 * cols)) * xk;
                }

                if (tail != 0)
                {
                    ref float wt = ref Unsafe.Add(ref w0, tailStart);
                    if (r + 8 <= safeRows)
                    {
                        a0 += (Vector256.LoadUnsafe(ref wt) & mask) * xTail;
                        a1 += (Vector256.LoadUnsafe(ref wt, (nuint)cols) & mask) * xTail;
                        a2 += (Vector256.LoadUnsafe(ref wt, (nuint)(2 * cols)) & mask) * xTail;
                        a3 += (Vector256.LoadUnsafe(ref wt, (nuint)(3 * cols)) & mask) * xTail;
                        a4 += (Vector256.LoadUnsafe(ref wt, (nuint)(4 * cols)) & mask) * xTail;
                        a5 += (Vector256.LoadUnsafe(ref wt, (nuint)(5 * cols)) & mask) * xTail;
                        a6 += (Vector256.LoadUnsafe(ref wt, (nuint)(6 * cols)) & mask) * xTail;
                        a7 += (Vector256.LoadUnsafe(ref wt, (nuint)(7 * cols)) & mask) * xTail;
                    }
                    else
                    {
                        // the group at the end of w: rows past safeRows rotate their tail into place
                        a0 += TailBlock(w, r, cols, tailStart, safeRows, mask) * xTail;
                        a1 += TailBlock(w, r + 1, cols, tailStart, safeRows, mask) * xTail;
                        a2 += TailBlock(w, r + 2, cols, tailStart, safeRows, mask) * xTail;
                        a3 += TailBlock(w, r + 3, cols, tailStart, safeRows, mask) * xTail;
                        a4 += TailBlock(w, r + 4, cols, tailStart, safeRows, mask) * xTail;
                        a5 += TailBlock(w, r + 5, cols, tailStart, safeRows, mask) * xTail;
                        a6 += TailBlock(w, r + 6, cols, tailStart, safeRows, mask) * xTail;
                        a7 += TailBlock(w, r + 7, cols, tailStart, safeRows, mask) * xTail;
                    }
                }

                (ReduceEight(a0, a1, a2, a3, a4, a5, a6, a7) + Vector256.LoadUnsafe(ref bRef, (nuint)r)).StoreUnsafe(ref yRef, (nuint)r);
            }
        }

        // Rows left over (fewer than 8, e.g. a 2-unit output layer): two at a time, so
        // the two dependent add chains overlap.
        for (; r <= rows - 2; r += 2)
        {
            ref float row0 = ref Unsafe.Add(ref wRef, r * cols);
            ref float row1 = ref Unsafe.Add(ref row0, cols);
            Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
            for (int k = 0; k < tailStart; k += Lanes)
            {
                Vector256<float> xk = Vector256.LoadUnsafe(ref xRef, (nuint)k);
                acc0 += Vector256.LoadUnsafe(ref row0, (nuint)k) * xk;
                acc1 += Vector256.LoadUnsafe(ref row1, (nuint)k) * xk;
            }

            if (tail != 0)
            {
                acc0 += TailBlock(w, r, cols, tailStart, safeRows, mask) * xTail;
                acc1 += TailBlock(w, r + 1, cols, tailStart, safeRows, mask) * xTail;
            }

            y[r] = Reduce(acc0) + bias[r];
            y[r + 1] = Reduce(acc1) + bias[r + 1];
        }

        for (; r < rows; r++)
        {
            ref float row = ref Unsafe.Add(ref wRef, r * cols);
            Vector256<float> acc = Vector256<float>.Zero;
            for (int k = 0; k < tailStart; k += Lanes)
            {
                acc += Vector256.LoadUnsafe(ref row, (nuint)k) * Vector256.LoadUnsafe(ref xRef, (nuint)k);
            }

            if (tail != 0)
            {
                acc += TailBlock(w, r, cols, tailStart, safeRows, mask) * xTail;
            }

            y[r] = Reduce(acc) + bias[r];
        }
    }

    /// <summary>
    /// The eight rows' sums, in row order: per row s_l = a_l + a_(l+4), then
    /// (s0+s2) + (s1+s3), which two horizontal adds compute after a swap of s1 and s2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ReduceEight(
        Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> a4, Vector256<float> a5, Vector256<float> a6, Vector256<float> a7)
    {
        // [s_r | s_(r+1)] for the pairs (0,1), (2,3), (4,5), (6,7), lanes reordered to s0, s2, s1, s3.
        const byte LowHalves = 0x20, HighHalves = 0x31, SwapMiddle = 0b11_01_10_00;
        Vector256<float> p01 = Avx.Permute(Avx.Permute2x128(a0, a1, LowHalves) + Avx.Permute2x128(a0, a1, HighHalves), SwapMiddle);
        Vector256<float> p23 = Avx.Permute(Avx.Permute2x128(a2, a3, LowHalves) + Avx.Permute2x128(a2, a3, HighHalves), SwapMiddle);
        Vector256<float> p45 = Avx.Permute(Avx.Permute2x128(a4, a5, LowHalves) + Avx.Permute2x128(a4, a5, HighHalves), SwapMiddle);
        Vector256<float> p67 = Avx.Permute(Avx.Permute2x128(a6, a7, LowHalves) + Avx.Permute2x128(a6, a7, HighHalves), SwapMiddle);

        // hadd → [s0+s2, s1+s3] per row; the second hadd adds those: rows 0,2,4,6 | 1,3,5,7.
        Vector256<float> sums = Avx.HorizontalAdd(Avx.HorizontalAdd(p01, p23), Avx.HorizontalAdd(p45, p67));
        return Vector256.Shuffle(sums, Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7));
    }

    /// <summary>((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)) for one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Reduce(Vector256<float> acc)
    {
        Vector128<float> s = acc.GetLower() + acc.GetUpper();
        Vector128<float> t = s + Vector128.Shuffle(s, Vector128.Create(2, 3, 0, 1));
        return (t + Vector128.Shuffle(t, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    /// <summary>Row r's partial block with lanes past the row zeroed: a masked load where eight values are readable, else <see cref="EndBlock"/>.</summary>
    private static Vector256<float> TailBlock(ReadOnlySpan<float> w, int r, int cols, int tailStart, int safeRows, Vector256<float> mask) =>
        r < safeRows
            ? Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(w), (nuint)((r * cols) + tailStart)) & mask
            : EndBlock(w, (r * cols) + tailStart, mask);

    /// <summary>
    /// values[start..] (fewer than eight values, at the very end of the span) in the low
    /// lanes, the lanes past <paramref name="mask"/> zeroed. Where the span holds eight
    /// values, its last eight are loaded and rotated down: no copy through memory, which
    /// for a 3- or 4-input layer cost more than the layer's arithmetic.
    /// </summary>
    private static Vector256<float> EndBlock(ReadOnlySpan<float> values, int start, Vector256<float> mask)
    {
        if (Avx2.IsSupported && values.Length >= Lanes)
        {
            int rotate = Lanes - (values.Length - start);
            Vector256<float> last = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)(values.Length - Lanes));
            return Avx2.PermuteVar8x32(last, Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) + Vector256.Create(rotate)) & mask;
        }

        // fewer than eight values in all (a layer with fewer than eight inputs): built lane by lane
        ReadOnlySpan<float> rest = values[start..];
        return Vector256.Create(At(rest, 0), At(rest, 1), At(rest, 2), At(rest, 3), At(rest, 4), At(rest, 5), At(rest, 6), At(rest, 7)) & mask;
    }

    /// <summary>values[i], or +0 past the end (the padding the reference adds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float At(ReadOnlySpan<float> values, int i) => (uint)i < (uint)values.Length ? values[i] : 0f;
}
