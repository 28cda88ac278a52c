using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Es.Seed.Runs;

/// <summary>The determinism fingerprint of a run: SHA-256 of θ as little-endian float32 bytes.</summary>
public static class ThetaHash
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="theta"/>.</summary>
    public static string Compute(ReadOnlySpan<float> theta)
    {
        var bytes = new byte[theta.Length * sizeof(float)];
        for (int i = 0; i < theta.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), theta[i]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
