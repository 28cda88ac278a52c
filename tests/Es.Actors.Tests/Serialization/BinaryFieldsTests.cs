using Es.Actors.Persistence;
using Es.Actors.Serialization;
using Es.Actors.Tests.Persistence;

namespace Es.Actors.Tests.Serialization;

/// <summary>The one count guard both binary formats read through: a count must be non-negative and fit the bytes that are left.</summary>
public sealed class BinaryFieldsTests
{
    [Fact]
    public void ReadDoubles_NegativeCount_InvalidData()
    {
        var reader = Payload(-1, new byte[16]);

        Assert.Throws<InvalidDataException>(reader.ReadDoubles);
    }

    [Theory]
    [InlineData(3)] // three doubles need 24 bytes; 16 are left
    [InlineData(int.MaxValue)]
    public void ReadDoubles_CountBeyondTheBytesLeft_EndOfStreamBeforeAllocating(int count)
    {
        var reader = Payload(count, new byte[16]);

        Assert.Throws<EndOfStreamException>(reader.ReadDoubles);
        Assert.Equal(sizeof(int), reader.BaseStream.Position); // nothing read past the count
    }

    [Fact]
    public void ReadDoubles_CountFillingTheBytesLeft_ReadsThem()
    {
        var reader = Payload(2, [.. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.0)]);

        Assert.Equal([1.5, -2.0], reader.ReadDoubles());
    }

    [Fact]
    public void DecodeRecord_HugeRewardCount_InvalidDataWithoutAllocating()
    {
        var payload = CheckpointCodec.EncodeRecord(CheckpointCodecTests.SampleRecord(), 0);
        // magic (4), generation (4), has-population (1), then the rewards' count: claim 2G doubles.
        BitConverter.TryWriteBytes(payload.AsSpan(9, 4), int.MaxValue);

        Assert.Throws<InvalidDataException>(() => CheckpointCodec.DecodeRecord(payload));
    }

    private static BinaryReader Payload(int count, byte[] rest) =>
        new(new MemoryStream([.. BitConverter.GetBytes(count), .. rest], writable: false));
}
