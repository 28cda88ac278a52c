using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// The weighted sum of noise slices at the heart of every ES update:
/// gradient[j] = Σ_i weights[i] · table[offsets[i] + j].
/// </summary>
public static class GradientEstimator
{
    // Candidates fused per sweep: each gradient element is loaded and stored once per four
    // noise slices instead of once per slice.
    private const int Fuse = 4;

    // Gradient elements per tile (16 KiB): the tile stays in L1 while every candidate is
    // added to it, so large gradients are not streamed from memory n/4 times.
    private const int Tile = 4096;

    /// <summary>
    /// Overwrites <paramref name="gradient"/> with Σ_i weights[i] · table[offsets[i] + j].
    /// Per element the sum runs over candidates in index order, one rounding per product
    /// and per addition (no fused multiply-add), so the bits equal
    /// <see cref="AccumulateReference"/>'s and do not depend on vector width.
    /// </summary>
    public static void Accumulate(NoiseTable table, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, Span<float> gradient)
    {
        Validate(table, offsets, weights, gradient);
        int dimension = gradient.Length;
        int count = offsets.Length;
        ref float g = ref MemoryMarshal.GetReference(gradient);
        for (int tileStart = 0; tileStart < dimension; tileStart += Tile)
        {
            int tileLength = Math.Min(Tile, dimension - tileStart);
            ref float gt = ref Unsafe.Add(ref g, tileStart);
            Clear(ref gt, tileLength);
            int i = 0;
            for (; i <= count - Fuse; i += Fuse)
            {
                AddFour(
                    ref gt,
                    tileLength,
                    ref Noise(table, offsets[i] + tileStart, tileLength),
                    ref Noise(table, offsets[i + 1] + tileStart, tileLength),
                    ref Noise(table, offsets[i + 2] + tileStart, tileLength),
                    ref Noise(table, offsets[i + 3] + tileStart, tileLength),
                    weights[i],
                    weights[i + 1],
                    weights[i + 2],
                    weights[i + 3]);
            }

            for (; i < count; i++)
            {
                AddOne(ref gt, tileLength, ref Noise(table, offsets[i] + tileStart, tileLength), weights[i]);
            }
        }
    }

    /// <summary>The plain definition: candidates summed in index order, in float.</summary>
    public static void AccumulateReference(NoiseTable table, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, Span<float> gradient)
    {
        Validate(table, offsets, weights, gradient);
        gradient.Clear();
        for (int i = 0; i < offsets.Length; i++)
        {
            var noise = table.Slice(offsets[i], gradient.Length);
            for (int j = 0; j < gradient.Length; j++)
            {
                gradient[j] += weights[i] * noise[j];
            }
        }
    }

    private static void Validate(NoiseTable table, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, Span<float> gradient)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (weights.Length != offsets.Length)
        {
            throw new ArgumentException($"Expected one weight per offset ({offsets.Length}), got {weights.Length}.", nameof(weights));
        }

        // Checked once here so the hot loops can index without bounds checks.
        foreach (int offset in offsets)
        {
            if (offset < 0 || offset > table.Size - gradient.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offsets), offset, $"A slice of {gradient.Length} values must fit in the table of {table.Size}.");
            }
        }
    }

    // The slice was validated, so the reference into the table's storage is in bounds.
    private static ref float Noise(NoiseTable table, int offset, int length) =>
        ref MemoryMarshal.GetReference(table.Slice(offset, length));

    private static void Clear(ref float g, int length) =>
        MemoryMarshal.CreateSpan(ref g, length).Clear();

    private static void AddFour(ref float g, int length, ref float e0, ref float e1, ref float e2, ref float e3, float w0, float w1, float w2, float w3)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var v0 = new Vector<float>(w0);
            var v1 = new Vector<float>(w1);
            var v2 = new Vector<float>(w2);
            var v3 = new Vector<float>(w3);
            for (; j <= length - Vector<float>.Count; j += Vector<float>.Count)
            {
                nuint at = (nuint)j;
                var sum = Vector.LoadUnsafe(ref g, at);
                sum += v0 * Vector.LoadUnsafe(ref e0, at);
                sum += v1 * Vector.LoadUnsafe(ref e1, at);
                sum += v2 * Vector.LoadUnsafe(ref e2, at);
                sum += v3 * Vector.LoadUnsafe(ref e3, at);
                sum.StoreUnsafe(ref g, at);
            }
        }

        for (; j < length; j++)
        {
            float sum = Unsafe.Add(ref g, j);
            sum += w0 * Unsafe.Add(ref e0, j);
            sum += w1 * Unsafe.Add(ref e1, j);
            sum += w2 * Unsafe.Add(ref e2, j);
            sum += w3 * Unsafe.Add(ref e3, j);
            Unsafe.Add(ref g, j) = sum;
        }
    }

    private static void AddOne(ref float g, int length, ref float e, float w)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var v = new Vector<float>(w);
            for (; j <= length - Vector<float>.Count; j += Vector<float>.Count)
            {
                nuint at = (nuint)j;
                (Vector.LoadUnsafe(ref g, at) + (v * Vector.LoadUnsafe(ref e, at))).StoreUnsafe(ref g, at);
            }
        }

        for (; j < length; j++)
        {
            Unsafe.Add(ref g, j) += w * Unsafe.Add(ref e, j);
        }
    }
}
