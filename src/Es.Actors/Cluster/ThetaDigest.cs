using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Es.Core.Strategies;

namespace Es.Actors.Cluster;

/// <summary>
/// The same digest as <see cref="ThetaHash.Compute"/> (SHA-256 of θ as little-endian float32),
/// hashed straight from θ's memory on a little-endian machine: no copy of θ per generation.
/// </summary>
public static class ThetaDigest
{
    /// <summary>The 32-byte digest of <paramref name="theta"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<float> theta)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return ThetaHash.Compute(theta);
        }

        var digest = new byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(theta), digest);
        return digest;
    }

    /// <summary>True when <paramref name="digest"/> is θ's.</summary>
    public static bool Matches(ReadOnlySpan<float> theta, ReadOnlySpan<byte> digest) =>
        digest.Length == SHA256.HashSizeInBytes && Compute(theta).AsSpan().SequenceEqual(digest);
}
