using Es.Core.Randomness;

namespace Es.Core.Noise;

/// <summary>
/// A shared table of float32 standard-normal noise, built from a seed, with the same bits
/// on every machine. Candidates are named by offsets into it, so ε never crosses the network.
/// </summary>
/// <remarks>
/// The table is cut into blocks of <see cref="BlockSize"/> values; block b is a pure
/// function of (seed, b), so blocks are generated in parallel with identical results for
/// any thread count, and a smaller table is a prefix of a larger one with the same seed.
/// Only IEEE basic operations are used (see <see cref="BoxMuller"/>): the platform's
/// libm never touches the bits.
/// </remarks>
public sealed class NoiseTable
{
    /// <summary>Default number of values: 2^25 float32 values, 128 MiB.</summary>
    public const int DefaultSize = 1 << 25;

    /// <summary>Values per independently seeded block.</summary>
    public const int BlockSize = 1 << 16;

    // Pairs transformed per pass inside a block: two 4 KiB stack buffers, cache resident.
    private const int ChunkPairs = 512;

    // Values sampled from each of the start, the end and a stride over the whole table.
    private const int FingerprintSamples = 4096;

    private readonly float[] _values;

    /// <summary>Builds a table of <paramref name="size"/> values from <paramref name="seed"/>, using all cores.</summary>
    public NoiseTable(int size, ulong seed)
        : this(size, seed, maxDegreeOfParallelism: -1)
    {
    }

    /// <summary>
    /// Builds a table with at most <paramref name="maxDegreeOfParallelism"/> threads
    /// (−1: no limit). The bits do not depend on it.
    /// </summary>
    public NoiseTable(int size, ulong seed, int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Expected -1 or a positive number.");
        }

        Seed = seed;
        _values = GC.AllocateUninitializedArray<float>(size);
        int blocks = (int)(((long)size + BlockSize - 1) / BlockSize);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, blocks, options, block =>
        {
            int start = block * BlockSize;
            GenerateBlock(seed, block, _values.AsSpan(start, Math.Min(BlockSize, size - start)));
        });
        Fingerprint = ComputeFingerprint(_values, seed);
    }

    /// <summary>Number of values in the table.</summary>
    public int Size => _values.Length;

    /// <summary>The seed the table was built from.</summary>
    public ulong Seed { get; }

    /// <summary>
    /// A 64-bit hash of size, seed and about 12K values (start, end, a stride over the
    /// whole table). Nodes compare it to prove they hold the same table.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>The values [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>).</summary>
    public ReadOnlySpan<float> Slice(int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Size - offset);
        return new ReadOnlySpan<float>(_values, offset, length);
    }

    /// <summary>
    /// Maps a random <paramref name="key"/> to an offset where a slice of
    /// <paramref name="length"/> values fits: key mod (Size − length + 1).
    /// </summary>
    public int SampleOffset(ulong key, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Size);
        return (int)(key % (ulong)(Size - length + 1));
    }

    /// <summary>The fingerprint of a table with these values and seed (shared with tests).</summary>
    internal static ulong ComputeFingerprint(ReadOnlySpan<float> values, ulong seed)
    {
        ulong hash = SeedMixer.Mix(seed ^ SeedMixer.Mix((ulong)values.Length));
        int head = Math.Min(FingerprintSamples, values.Length);
        for (int i = 0; i < head; i++)
        {
            hash = SeedMixer.Mix(hash ^ BitConverter.SingleToUInt32Bits(values[i]));
        }

        for (int i = Math.Max(0, values.Length - FingerprintSamples); i < values.Length; i++)
        {
            hash = SeedMixer.Mix(hash ^ BitConverter.SingleToUInt32Bits(values[i]));
        }

        int stride = Math.Max(1, values.Length / FingerprintSamples);
        for (int i = stride / 2; i < values.Length; i += stride)
        {
            hash = SeedMixer.Mix(hash ^ BitConverter.SingleToUInt32Bits(values[i]));
        }

        return hash;
    }

    /// <summary>Block generation: uniforms drawn serially, the transcendental part vectorised.</summary>
    private static void GenerateBlock(ulong seed, int blockIndex, Span<float> destination)
    {
        var random = new DeterministicRandom(SeedMixer.Derive(seed, blockIndex));
        Span<double> first = stackalloc double[ChunkPairs];
        Span<double> second = stackalloc double[ChunkPairs];
        int pairs = (destination.Length + 1) / 2;
        for (int pairStart = 0; pairStart < pairs; pairStart += ChunkPairs)
        {
            int count = Math.Min(ChunkPairs, pairs - pairStart);
            var u1 = first.Slice(0, count);
            var u2 = second.Slice(0, count);
            for (int i = 0; i < count; i++)
            {
                u1[i] = 1.0 - random.NextDouble(); // same draw order as NoiseTableReference
                u2[i] = random.NextDouble();
            }

            BoxMuller.Transform(u1, u2);
            var output = destination.Slice(2 * pairStart);
            for (int i = 0; i < count; i++)
            {
                output[2 * i] = (float)u1[i];
                if (2 * i + 1 < output.Length)
                {
                    output[(2 * i) + 1] = (float)u2[i];
                }
            }
        }
    }
}
