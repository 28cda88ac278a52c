using System.Numerics;
using System.Runtime.InteropServices;

namespace Es.Core.Normalization;

/// <summary>
/// A frozen observation normaliser: (x − mean) / std clipped to ±<see cref="ClipRange"/>.
/// Frozen for a generation so every candidate sees the same transformation.
/// </summary>
public sealed class ObservationFilter
{
    /// <summary>Normalised values are clipped to [−ClipRange, ClipRange].</summary>
    public const float ClipRange = 5f;

    /// <summary>Floor on the variance (Salimans et al.), so near-constant dimensions are not blown up.</summary>
    public const double VarianceFloor = 1e-2;

    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>A filter with the given frozen statistics (copied); every std must be positive.</summary>
    public ObservationFilter(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length != std.Length)
        {
            throw new ArgumentException("Mean and std must have the same length.", nameof(std));
        }

        foreach (float s in std)
        {
            if (!(s > 0f) || !float.IsFinite(s))
            {
                throw new ArgumentOutOfRangeException(nameof(std), s, "Every std must be positive and finite.");
            }
        }

        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    private ObservationFilter(int size)
    {
        _mean = new float[size];
        _std = new float[size];
        Array.Fill(_std, 1f);
        IsIdentity = true;
    }

    /// <summary>Number of dimensions.</summary>
    public int Size => _mean.Length;

    /// <summary>Frozen mean per dimension.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>Frozen standard deviation per dimension.</summary>
    public ReadOnlySpan<float> Std => _std;

    /// <summary>True for <see cref="Identity"/>: <see cref="Apply"/> copies without clipping.</summary>
    public bool IsIdentity { get; }

    /// <summary>
    /// The pass-through filter, for runs without observation normalisation: it copies the
    /// raw observation unchanged (no clipping, so it really is the identity).
    /// </summary>
    public static ObservationFilter Identity(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new ObservationFilter(size);
    }

    /// <summary>
    /// Freezes <paramref name="stat"/>: std = sqrt(max(M2/count, <see cref="VarianceFloor"/>));
    /// with fewer than two samples the statistics mean nothing yet, so mean 0 and std 1.
    /// </summary>
    public static ObservationFilter FromStat(RunningStat stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var mean = new float[stat.Dimension];
        var std = new float[stat.Dimension];
        if (stat.Count < 2)
        {
            Array.Fill(std, 1f);
            return new ObservationFilter(mean, std);
        }

        for (int i = 0; i < mean.Length; i++)
        {
            mean[i] = (float)stat.Mean[i];
            std[i] = (float)Math.Sqrt(Math.Max(stat.M2[i] / stat.Count, VarianceFloor));
        }

        return new ObservationFilter(mean, std);
    }

    /// <summary>
    /// normalised = clip((raw − mean) / std, ±<see cref="ClipRange"/>). Allocation-free; the
    /// vector body and scalar tail use the same operations, so the bits do not depend on
    /// the vector width. <paramref name="raw"/> and <paramref name="normalised"/> may be the same span.
    /// </summary>
    public void Apply(ReadOnlySpan<float> raw, Span<float> normalised)
    {
        if (raw.Length != _mean.Length || normalised.Length != _mean.Length)
        {
            ThrowWrongLength(_mean.Length);
        }

        if (IsIdentity)
        {
            raw.CopyTo(normalised);
            return;
        }

        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float rawRef = ref MemoryMarshal.GetReference(raw);
            ref float outRef = ref MemoryMarshal.GetReference(normalised);
            ref float meanRef = ref MemoryMarshal.GetArrayDataReference(_mean);
            ref float stdRef = ref MemoryMarshal.GetArrayDataReference(_std);
            var lo = new Vector<float>(-ClipRange);
            var hi = new Vector<float>(ClipRange);
            int width = Vector<float>.Count;
            for (; i <= raw.Length - width; i += width)
            {
                Vector<float> z = (Vector.LoadUnsafe(ref rawRef, (nuint)i) - Vector.LoadUnsafe(ref meanRef, (nuint)i))
                    / Vector.LoadUnsafe(ref stdRef, (nuint)i);
                z = Vector.ConditionalSelect(Vector.LessThan(z, lo), lo, z);
                z = Vector.ConditionalSelect(Vector.GreaterThan(z, hi), hi, z);
                z.StoreUnsafe(ref outRef, (nuint)i);
            }
        }

        for (; i < raw.Length; i++)
        {
            float z = (raw[i] - _mean[i]) / _std[i];
            z = z < -ClipRange ? -ClipRange : z;
            normalised[i] = z > ClipRange ? ClipRange : z;
        }
    }

    private static void ThrowWrongLength(int expected) =>
        throw new ArgumentException($"Both spans must have length {expected}.");
}
