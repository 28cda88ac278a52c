using System.Runtime.InteropServices;
using Es.Actors.Fabric;

namespace Es.Actors.Serialization;

/// <summary>
/// The length-prefixed fields that the checkpoint format and the wire protocol share: arrays
/// written as an int32 count followed by their elements, little-endian. Both formats read
/// payloads that may be corrupt or hostile, so every count passes one guard before anything
/// is allocated for it.
/// </summary>
internal static class BinaryFields
{
    /// <summary>The fewest bytes an observation delta takes: index, count and the two array counts.</summary>
    private const int MinDeltaSize = sizeof(int) + sizeof(long) + (2 * sizeof(int));

    /// <summary>
    /// Reads a count of elements of at least <paramref name="minElementSize"/> bytes each and
    /// checks that the rest of the payload can hold them: a corrupt count must fail here, not
    /// allocate gigabytes first or read into the next field.
    /// </summary>
    /// <exception cref="InvalidDataException">The count is negative.</exception>
    /// <exception cref="EndOfStreamException">
    /// The elements would not fit the bytes left: the payload ends before them, as a truncated
    /// one does, and each format reports it as it reports any other early end.
    /// </exception>
    public static int ReadCount(this BinaryReader reader, int minElementSize)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"a negative count ({count})");
        }

        long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if ((long)count * minElementSize > remaining)
        {
            throw new EndOfStreamException($"a count of {count} does not fit the {remaining} bytes left");
        }

        return count;
    }

    /// <summary>Writes a count and the doubles' raw bits.</summary>
    public static void WriteDoubles(this BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    /// <summary>Reads what <see cref="WriteDoubles"/> wrote.</summary>
    public static double[] ReadDoubles(this BinaryReader reader)
    {
        var values = new double[reader.ReadCount(sizeof(double))];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }

    /// <summary>Writes a count and the floats' raw bits.</summary>
    public static void WriteFloats(this BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan())); // θ can be millions of floats: one copy
            return;
        }

        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    /// <summary>Reads what <see cref="WriteFloats"/> wrote.</summary>
    public static float[] ReadFloats(this BinaryReader reader)
    {
        var values = new float[reader.ReadCount(sizeof(float))];
        if (BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            if (reader.Read(bytes) != bytes.Length)
            {
                throw new EndOfStreamException();
            }

            return values;
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    /// <summary>Writes a count and the bytes.</summary>
    public static void WriteByteArray(this BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Reads what <see cref="WriteByteArray"/> wrote.</summary>
    public static byte[] ReadByteArray(this BinaryReader reader)
    {
        int count = reader.ReadCount(1);
        var bytes = reader.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException();
    }

    /// <summary>Writes a count and each delta: candidate index, sample count, mean, M2.</summary>
    public static void WriteObservations(this BinaryWriter writer, ObservationDelta[] deltas)
    {
        writer.Write(deltas.Length);
        foreach (var delta in deltas)
        {
            writer.Write(delta.CandidateIndex);
            writer.Write(delta.Count);
            writer.WriteDoubles(delta.Mean);
            writer.WriteDoubles(delta.M2);
        }
    }

    /// <summary>Reads what <see cref="WriteObservations"/> wrote.</summary>
    public static ObservationDelta[] ReadObservations(this BinaryReader reader)
    {
        var deltas = new ObservationDelta[reader.ReadCount(MinDeltaSize)];
        for (int i = 0; i < deltas.Length; i++)
        {
            deltas[i] = new ObservationDelta(reader.ReadInt32(), reader.ReadInt64(), reader.ReadDoubles(), reader.ReadDoubles());
        }

        return deltas;
    }
}
