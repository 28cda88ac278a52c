namespace Es.Core.Randomness;

/// <summary>
/// A small, seedable, allocation-free random source (xoshiro256**) whose output is the
/// same on every machine and .NET version, unlike <see cref="System.Random"/>'s seeded mode.
/// </summary>
public struct DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole state is expanded from <paramref name="seed"/>.</summary>
    public DeterministicRandom(ulong seed)
    {
        _s0 = SeedMixer.Mix(seed);
        _s1 = SeedMixer.Mix(_s0);
        _s2 = SeedMixer.Mix(_s1);
        _s3 = SeedMixer.Mix(_s2);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1; // the all-zero state is a fixed point of xoshiro
        }
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 33) % (ulong)n);
    }

    /// <summary>
    /// A standard normal draw (Box–Muller) computed only with IEEE basic operations and
    /// <see cref="DeterministicMath"/>, so the bits do not depend on the platform's libm.
    /// </summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log stays finite
        double u2 = NextDouble();
        return DeterministicMath.Sqrt(-2.0 * DeterministicMath.Log(u1)) * DeterministicMath.CosTwoPi(u2);
    }
}
