using Es.Actors.Fabric;
using Es.Actors.Persistence;
using Es.Actors.Training;

namespace Es.Actors.Tests.Training;

/// <summary>
/// A journaled or broadcast record that does not fit the session is refused before any of it
/// is applied: the session stays exactly as it was and can still replay the intact record.
/// </summary>
public sealed class TrainingSessionReplayTests
{
    public static TheoryData<string> Defects => ["delta beyond the population", "negative delta index", "delta index repeated", "delta of another dimension"];

    [Theory]
    [MemberData(nameof(Defects))]
    public void Replay_MalformedObservationDelta_RefusedAndNothingChanged(string defect)
    {
        var config = TrainingConfigs.CartPole(); // 16 candidates, observations of 4 values
        var live = SessionDriver.NewSession(config);
        SessionDriver.Run(live, config, maxRounds: 1);
        var first = live.LastRecord!;
        SessionDriver.Run(live, config, maxRounds: 1);
        var second = live.LastRecord!;
        Assert.NotEmpty(second.Observations);

        var replica = SessionDriver.NewSession(config);
        replica.Replay(first);
        var before = CheckpointCodec.EncodeSnapshot(replica.Export(), 0);
        var recordBefore = replica.LastRecord;

        // The rewards and the valid deltas come first, so a session that applied the record
        // while checking it would have taken them in before reaching the defect.
        var malformed = second with { Rewards = [.. second.Rewards.Select(r => r + 1)], Observations = Corrupt(second.Observations, defect) };
        Assert.Throws<InvalidDataException>(() => replica.Replay(malformed));

        Assert.Equal(before, CheckpointCodec.EncodeSnapshot(replica.Export(), 0));
        Assert.Same(recordBefore, replica.LastRecord);
        replica.Replay(second);
        Assert.Equal(live.Theta.ToArray(), replica.Theta.ToArray());
        Assert.Equal(CheckpointCodec.EncodeRecord(second, 0), CheckpointCodec.EncodeRecord(replica.LastRecord!, 0));
    }

    private static ObservationDelta[] Corrupt(ObservationDelta[] deltas, string defect)
    {
        var last = deltas[^1];
        return defect switch
        {
            "delta beyond the population" => [.. deltas, last with { CandidateIndex = 16 }],
            "negative delta index" => [.. deltas, last with { CandidateIndex = -1 }],
            "delta index repeated" => [.. deltas, last],
            "delta of another dimension" => [.. deltas[..^1], last with { Mean = [0], M2 = [0] }],
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
    }
}
