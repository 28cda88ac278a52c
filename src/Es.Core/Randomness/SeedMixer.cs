namespace Es.Core.Randomness;

/// <summary>
/// Derives independent 64-bit seeds from a run seed and a candidate's name.
/// </summary>
/// <remarks>
/// Everything random in a run (noise offsets, environment seeds, chaos decisions) is a
/// pure function of the run seed and integers naming the draw. That is what lets any
/// node, in any order, after any restart, make the same draw.
/// </remarks>
public static class SeedMixer
{
    /// <summary>The SplitMix64 finaliser: a bijective, well-mixed hash of one 64-bit word.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Derives a seed from a parent seed and one integer.</summary>
    public static ulong Derive(ulong seed, long a) => Mix(Mix(seed) ^ (ulong)a);

    /// <summary>Derives a seed from a parent seed and two integers.</summary>
    public static ulong Derive(ulong seed, long a, long b) => Derive(Derive(seed, a), b);

    /// <summary>Derives a seed from a parent seed and three integers.</summary>
    public static ulong Derive(ulong seed, long a, long b, long c) => Derive(Derive(seed, a, b), c);

    /// <summary>Derives a seed from a parent seed and four integers.</summary>
    public static ulong Derive(ulong seed, long a, long b, long c, long d) => Derive(Derive(seed, a, b, c), d);

    /// <summary>
    /// A stable 64-bit hash of a string (FNV-1a, then mixed). Unlike
    /// <see cref="string.GetHashCode()"/> it is the same in every process.
    /// </summary>
    public static ulong HashString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return Mix(h);
    }
}
