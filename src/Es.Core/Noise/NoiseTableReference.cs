using Es.Core.Randomness;

namespace Es.Core.Noise;

/// <summary>
/// The plain, obviously-correct definition of the noise table's contents: block by
/// block, a xoshiro256** stream per block and scalar Box–Muller built from IEEE basic
/// operations only. <see cref="NoiseTable"/> must produce the same bits.
/// </summary>
public static class NoiseTableReference
{
    /// <summary>Generates a whole table of <paramref name="size"/> values, one block after another.</summary>
    public static float[] Generate(int size, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var values = new float[size];
        for (int start = 0, block = 0; start < size; start += NoiseTable.BlockSize, block++)
        {
            GenerateBlock(seed, block, values.AsSpan(start, Math.Min(NoiseTable.BlockSize, size - start)));
        }

        return values;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> (at most <see cref="NoiseTable.BlockSize"/>
    /// values) with block <paramref name="blockIndex"/>. A shorter destination gets a
    /// prefix of the full block, so a small table is a prefix of a large one.
    /// </summary>
    public static void GenerateBlock(ulong seed, int blockIndex, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(destination.Length, NoiseTable.BlockSize);
        var random = new DeterministicRandom(SeedMixer.Derive(seed, blockIndex));
        for (int i = 0; i < destination.Length; i += 2)
        {
            // Same draw order as DeterministicRandom.NextGaussian, but both outputs are kept.
            double u1 = 1.0 - random.NextDouble(); // (0, 1]: the logarithm stays finite
            double u2 = random.NextDouble();
            BoxMuller.Pair(u1, u2, out double z0, out double z1);
            destination[i] = (float)z0;
            if (i + 1 < destination.Length)
            {
                destination[i + 1] = (float)z1; // an odd-length tail drops the pair's second deviate
            }
        }
    }
}
