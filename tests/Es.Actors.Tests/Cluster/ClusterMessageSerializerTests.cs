using System.Runtime.Serialization;
using Es.Actors.Cluster;
using Es.Actors.Fabric;

namespace Es.Actors.Tests.Cluster;

public sealed class ClusterMessageSerializerTests
{
    private readonly ClusterMessageSerializer _serializer = new(null!);

    public static TheoryData<IClusterMessage> Messages() =>
    [
        new RegisterPool(ClusterProtocol.Version, "node-1", 3),
        new PoolRefused(ClusterProtocol.Version, 7),
        new PoolWelcome(ClusterProtocol.Version, 4, "run", "{\"seed\": 1}", 70000, 2),
        new SnapshotChunk(4, 1, [1, 2, 3]),
        new GenerationStarted(3, new byte[32], null),
        new RequestTasks(4, 6),
        new TaskBatch([new EvaluationTask(3, TaskKind.Candidates, 8, 4), new EvaluationTask(3, TaskKind.Evaluation, 0, 2)]),
        new ResyncRequest(4),
        new RunFinished("solved"),
        new RunFinishedSeen(4),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_EveryMessage_Equal(IClusterMessage message)
    {
        var back = _serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

        Assert.Equal(_serializer.ToBinary(message), _serializer.ToBinary(back));
        Assert.Equal(message.GetType(), back.GetType());
    }

    [Fact]
    public void RoundTrip_Result_EveryFieldKept()
    {
        var result = new TaskResult(new EvaluationTask(2, TaskKind.Candidates, 4, 2), [1.5, -2.25], 400, [new ObservationDelta(4, 10, [0.5], [1.5])]) { Error = "boom" };
        var message = new PoolResult(7, result, 3, 8, Asking: 2);

        var back = Assert.IsType<PoolResult>(_serializer.FromBinary(_serializer.ToBinary(message), "res"));

        Assert.Equal((7, 3L, 8L, 2), (back.Registration, back.EvaluatorRestarts, back.CandidatesRetried, back.Asking));
        Assert.Equal(result.Task, back.Result.Task);
        Assert.Equal(result.Returns, back.Result.Returns);
        Assert.Equal(400, back.Result.Steps);
        Assert.Equal("boom", back.Result.Error);
        Assert.Equal(10, Assert.Single(back.Result.Observations).Count);
    }

    [Fact]
    public void FromBinary_UnknownManifest_RejectedAndCounted()
    {
        long before = ClusterMessageSerializer.Rejected;

        var e = Assert.Throws<SerializationException>(() => _serializer.FromBinary([1, 2, 3], "nope"));

        Assert.Contains("unknown manifest 'nope'", e.Message, StringComparison.Ordinal);
        Assert.True(ClusterMessageSerializer.Rejected > before);
    }

    [Theory]
    [InlineData("tsk")]
    [InlineData("res")]
    [InlineData("gen")]
    [InlineData("wel")]
    public void FromBinary_TruncatedOrTrailingBytes_Rejected(string manifest)
    {
        IClusterMessage sample = manifest switch
        {
            "tsk" => new TaskBatch([new EvaluationTask(3, TaskKind.Candidates, 8, 4)]),
            "gen" => new GenerationStarted(3, new byte[32], null),
            "wel" => new PoolWelcome(ClusterProtocol.Version, 4, "run", "{}", 10, 1),
            _ => new PoolResult(1, new TaskResult(new EvaluationTask(0, TaskKind.Candidates, 0, 1), [1.0], 1, []), 0, 0),
        };
        var bytes = _serializer.ToBinary(sample);

        Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes[..^1], manifest));
        Assert.Throws<SerializationException>(() => _serializer.FromBinary([.. bytes, 0], manifest));
    }

    [Fact]
    public void FromBinary_HostileCount_RejectedBeforeAllocating()
    {
        byte[] bytes = [0xFF, 0xFF, 0xFF, 0x7F]; // a batch of int.MaxValue tasks in four bytes

        Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes, "tsk"));
    }

    [Fact]
    public void FromBinary_RegistrationOfAnotherVersion_ReadAsFarAsItsVersion()
    {
        byte[] bytes = [9, 0, 0xDE, 0xAD, 0xBE, 0xEF];

        var register = Assert.IsType<RegisterPool>(_serializer.FromBinary(bytes, "reg"));

        Assert.Equal(9, register.Version);
    }

    [Fact]
    public void Refusal_NamesBothVersions()
    {
        var refusal = new PoolRefused(3, 9);

        Assert.Contains("version 3, this node 9", refusal.Reason, StringComparison.Ordinal);
    }
}
