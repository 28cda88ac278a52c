using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

/// <summary><c>theta_sha256</c> is compared across runs, builds and machines: its byte format is pinned here.</summary>
public sealed class ThetaHashTests
{
    [Fact]
    public void ComputeHex_KnownTheta_Sha256OfLittleEndianFloats()
    {
        // python3: hashlib.sha256(struct.pack('<2f', 1.0, -2.5)).hexdigest()
        Assert.Equal("48943f7a0ea247f8e3c9386d0c5822fe181d323a9289980426638cc4e72a43e1", ThetaHash.ComputeHex([1f, -2.5f]));
    }

    [Fact]
    public void Compute_AnyTheta_TheBytesComputeHexSpells()
    {
        float[] theta = [0.5f, -0f, float.Epsilon, 3e38f];

        Assert.Equal(Convert.ToHexStringLower(ThetaHash.Compute(theta)), ThetaHash.ComputeHex(theta));
    }
}
