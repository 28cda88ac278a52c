using Es.Actors.Cluster;
using Es.Actors.Fabric;

namespace Es.Actors.Tests.Cluster;

/// <summary>The cluster's binary messages: every kind survives a round trip, and anything else is <see cref="InvalidDataException"/> or, for another version, <see cref="ProtocolVersionException"/>.</summary>
public sealed class WireProtocolTests
{
    private static readonly EvaluationTask SampleTask = new(7, TaskKind.Candidates, 16, 2);

    public static TheoryData<string> Kinds => ["task", "result", "finished", "join", "welcome", "heartbeat", "leave", "refused", "generation"];

    private static WireMessage Sample(string kind) => kind switch
    {
        "task" => new TaskMessage(42, SampleTask),
        "result" => new ResultMessage(42, "node-1", true, new TaskResult(SampleTask, [1.5, -2.25], 400, [new ObservationDelta(16, 200, [0.5, 1], [2, 3])])),
        "finished" => new FinishedMessage(42, "solved"),
        "join" => new JoinMessage("node-1", "host-a", 4, "es.node.node-1", Resync: true),
        "welcome" => new WelcomeMessage(42, "run-1", "{\"seed\": 1}", [1, 2, 3]),
        "heartbeat" => new HeartbeatMessage("node-1", 12),
        "leave" => new LeaveMessage("node-1"),
        "refused" => new RefusedMessage("another version"),
        "generation" => new GenerationMessage(42, 3, 8, [9, 8, 7], Previous: null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EncodeDecode_EachKind_RoundTrips(string kind)
    {
        var message = Sample(kind);

        var decoded = WireProtocol.Decode(WireProtocol.Encode(message));

        // Records compare arrays by reference: compare the encodings instead, byte for byte.
        Assert.Equal(message.GetType(), decoded.GetType());
        Assert.Equal(WireProtocol.Encode(message), WireProtocol.Encode(decoded));
    }

    [Fact]
    public void Decode_Result_KeepsEveryField()
    {
        var decoded = Assert.IsType<ResultMessage>(WireProtocol.Decode(WireProtocol.Encode(Sample("result"))));

        Assert.Equal((42UL, "node-1", true), (decoded.RunKey, decoded.NodeId, decoded.Redelivered));
        Assert.Equal(SampleTask, decoded.Result.Task);
        Assert.Equal([1.5, -2.25], decoded.Result.Returns);
        Assert.Equal(400, decoded.Result.Steps);
        var delta = Assert.Single(decoded.Result.Observations);
        Assert.Equal((16, 200L), (delta.CandidateIndex, delta.Count));
        Assert.Equal([0.5, 1], delta.Mean);
        Assert.Equal([2, 3], delta.M2);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decode_EveryTruncation_InvalidData(string kind)
    {
        var bytes = WireProtocol.Encode(Sample(kind));

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => WireProtocol.Decode(bytes.AsMemory(0, length)));
        }
    }

    [Fact]
    public void Decode_TrailingBytes_InvalidData()
    {
        var bytes = WireProtocol.Encode(Sample("heartbeat"));

        Assert.Throws<InvalidDataException>(() => WireProtocol.Decode(bytes.Append((byte)0).ToArray()));
    }

    [Fact]
    public void Decode_BadMagic_InvalidData()
    {
        var bytes = WireProtocol.Encode(Sample("leave"));
        bytes[0] ^= 0xFF;

        Assert.Throws<InvalidDataException>(() => WireProtocol.Decode(bytes));
    }

    [Fact]
    public void Decode_UnknownKind_InvalidData()
    {
        var bytes = WireProtocol.Encode(Sample("leave"));
        bytes[6] = 200; // magic (4) + version (2), then the kind

        Assert.Throws<InvalidDataException>(() => WireProtocol.Decode(bytes));
    }

    [Fact]
    public void Decode_HugeCount_InvalidDataWithoutAllocating()
    {
        var bytes = WireProtocol.Encode(Sample("welcome"));
        // The snapshot's length is the last int before its 3 bytes: claim 2 GB.
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 7, 4), int.MaxValue);

        Assert.Throws<InvalidDataException>(() => WireProtocol.Decode(bytes));
    }

    [Fact]
    public void Decode_ResultWithReturnsNotMatchingTask_InvalidData()
    {
        var wrong = new ResultMessage(42, "n", false, new TaskResult(SampleTask, [1.0], 1, []));

        Assert.Throws<InvalidDataException>(() => WireProtocol.Decode(WireProtocol.Encode(wrong)));
    }

    [Fact]
    public void Decode_TaskWithNegativeGeneration_InvalidData()
    {
        var wrong = new TaskMessage(42, new EvaluationTask(-1, TaskKind.Candidates, 0, 1));

        Assert.Throws<InvalidDataException>(() => WireProtocol.Decode(WireProtocol.Encode(wrong)));
    }

    [Fact]
    public void Decode_OtherVersion_ProtocolVersionExceptionNamingBoth()
    {
        const ushort other = WireProtocol.Version + 1;
        var bytes = WireProtocol.Encode(Sample("join"), version: other);

        var e = Assert.Throws<ProtocolVersionException>(() => WireProtocol.Decode(bytes));

        Assert.Equal(other, e.MessageVersion);
        Assert.Contains($"version {other}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"speaks {WireProtocol.Version}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RefusalOfOtherVersion_StillReadable()
    {
        // A refusal must reach a node of any version: its layout never changes.
        var bytes = WireProtocol.Encode(new RefusedMessage("speak version 1"), version: 99);

        Assert.Equal("speak version 1", Assert.IsType<RefusedMessage>(WireProtocol.Decode(bytes)).Reason);
    }
}
