using Es.Actors.Fabric;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Optimizers;

namespace Es.Actors.Tests.Persistence;

public sealed class CheckpointCodecTests
{
    internal static GenerationRecord SampleRecord(int generation = 3) => new(
        generation, true, [1.5, double.NaN, -0.0, double.MaxValue],
        [new ObservationDelta(2, 7, [0.1, -0.2], [3.0, 4.5])], [10, 20.25], 12345);

    internal static SessionSnapshot SampleSnapshot(int generation = 4) => new(
        generation, [0.5f, -1.25f, float.Epsilon], new OptimizerState("adam", 9, [[1f, 2f, 3f], [4f, 5f, 6f]]),
        42, [0.5, 1.5], [2.5, 3.5], -12.5, double.NaN, 3, 1000, 50000, 0xDEADBEEFUL, 17);

    [Fact]
    public void Record_RoundTrip_BitExact()
    {
        var record = SampleRecord();
        var (decoded, wall) = CheckpointCodec.DecodeRecord(CheckpointCodec.EncodeRecord(record, 12.5));
        Assert.Equal(12.5, wall);
        Assert.Equal(record.Generation, decoded.Generation);
        Assert.Equal(record.Rewards.Select(BitConverter.DoubleToInt64Bits), decoded.Rewards.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(record.Observations[0].Mean, decoded.Observations[0].Mean);
        Assert.Equal(record.Observations[0].M2, decoded.Observations[0].M2);
        Assert.Equal(record.EvalReturns, decoded.EvalReturns);
        Assert.Equal(record.Steps, decoded.Steps);
    }

    [Fact]
    public void Snapshot_RoundTrip_BitExact()
    {
        var snapshot = SampleSnapshot();
        var (decoded, wall) = CheckpointCodec.DecodeSnapshot(CheckpointCodec.EncodeSnapshot(snapshot, 3.25));
        Assert.Equal(3.25, wall);
        Assert.Equal(snapshot.Theta, decoded.Theta);
        Assert.Equal(snapshot.Optimizer.Moments[1], decoded.Optimizer.Moments[1]);
        Assert.Equal(snapshot.Optimizer.StepCount, decoded.Optimizer.StepCount);
        Assert.Equal(snapshot.SolvedGeneration, decoded.SolvedGeneration);
        Assert.True(double.IsNaN(decoded.BestEvalReturn));
        Assert.Equal(snapshot.NoiseFingerprint, decoded.NoiseFingerprint);
        Assert.Equal(17, decoded.CandidatesFailed);
    }

    [Fact]
    public void Snapshot_WithStrategyState_RoundTripBitExact()
    {
        var state = new Es.Core.Strategies.StrategyState("cma-es", [[1.5, double.Epsilon, -0.0], [], [7]], [[3, 1, 4], []]);
        var (decoded, _) = CheckpointCodec.DecodeSnapshot(CheckpointCodec.EncodeSnapshot(SampleSnapshot() with { Strategy = state }, 1));

        Assert.Equal("cma-es", decoded.Strategy!.Name);
        Assert.Equal(state.Reals.Select(r => r.Select(BitConverter.DoubleToInt64Bits)), decoded.Strategy.Reals.Select(r => r.Select(BitConverter.DoubleToInt64Bits)));
        Assert.Equal(state.Integers, decoded.Strategy.Integers);
    }

    [Fact]
    public void Snapshot_FirstFormat_DecodesWithoutStrategyState()
    {
        // The first format ("ESS1") ended after the failed-candidate count: an openai-es
        // snapshot of this format minus its strategy part (name, and two empty part counts).
        var payload = CheckpointCodec.EncodeSnapshot(SampleSnapshot() with { Strategy = Es.Core.Strategies.StrategyState.Empty("openai-es") }, 2);
        byte[] first = [.. "ESS1"u8, .. payload[4..^(1 + "openai-es".Length + 8)]];

        var (decoded, wall) = CheckpointCodec.DecodeSnapshot(first);

        Assert.Null(decoded.Strategy);
        Assert.Equal(2, wall);
        Assert.Equal(17, decoded.CandidatesFailed);
        Assert.Equal(SampleSnapshot().Theta, decoded.Theta);
    }

    [Fact]
    public void Decode_TruncatedOrForeign_InvalidData()
    {
        var payload = CheckpointCodec.EncodeSnapshot(SampleSnapshot(), 0);
        Assert.Throws<InvalidDataException>(() => CheckpointCodec.DecodeSnapshot(payload[..^5]));
        Assert.Throws<InvalidDataException>(() => CheckpointCodec.DecodeRecord(payload));
        Assert.Throws<InvalidDataException>(() => CheckpointCodec.DecodeSnapshot([.. payload, 1]));
    }
}
