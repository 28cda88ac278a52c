using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Es.Actors.Cluster;

/// <summary>SHA-256 of θ as little-endian float32 bytes: how a node checks that its replica is in step.</summary>
public static class ThetaDigest
{
    /// <summary>The digest of <paramref name="theta"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<float> theta)
    {
        var bytes = new byte[theta.Length * sizeof(float)];
        for (int i = 0; i < theta.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), theta[i]);
        }

        return SHA256.HashData(bytes);
    }

    /// <summary>A run id as the 64-bit key every task, result and broadcast carries.</summary>
    public static ulong RunKey(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(runId)));
    }
}
