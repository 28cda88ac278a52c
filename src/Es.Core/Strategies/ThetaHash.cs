using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Es.Core.Strategies;

/// <summary>
/// The determinism fingerprint of θ: SHA-256 of θ as little-endian float32 bytes. A run's
/// <c>theta_sha256</c> and a cluster node's check that its replica is in step are this one
/// hash, so "the same θ" means the same thing to both.
/// </summary>
public static class ThetaHash
{
    /// <summary>The 32-byte digest of <paramref name="theta"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<float> theta)
    {
        if (BitConverter.IsLittleEndian)
        {
            return SHA256.HashData(MemoryMarshal.AsBytes(theta)); // θ's memory is already those bytes: no copy (the coordinator hashes θ every generation)
        }

        // Written out little-endian, so the hash names θ's values, not this machine's memory.
        var bytes = new byte[theta.Length * sizeof(float)];
        for (int i = 0; i < theta.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), theta[i]);
        }

        return SHA256.HashData(bytes);
    }

    /// <summary>The digest of <paramref name="theta"/> as lower-case hex (the summary's <c>theta_sha256</c>).</summary>
    public static string ComputeHex(ReadOnlySpan<float> theta) => Convert.ToHexStringLower(Compute(theta));

    /// <summary>True when <paramref name="digest"/> is θ's.</summary>
    public static bool Matches(ReadOnlySpan<float> theta, ReadOnlySpan<byte> digest) =>
        digest.Length == SHA256.HashSizeInBytes && Compute(theta).AsSpan().SequenceEqual(digest);
}
