using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Strategies;

namespace Es.Actors.Tests.Training;

/// <summary>The session drives every strategy alike: a snapshot plus the journal's records replay to the live θ.</summary>
public sealed class TrainingSessionStrategyTests
{
    public static TheoryData<string> Strategies() => [.. ConfigLoader.Strategies];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void RestoreEncodedSnapshotThenReplay_EachStrategy_SameThetaAndStrategyState(string strategy)
    {
        var config = Config(strategy);
        var live = SessionDriver.NewSession(config);
        var records = new List<GenerationRecord>();
        byte[]? snapshot = null;
        while (!live.IsFinished)
        {
            if (live.Generation == 3)
            {
                snapshot = CheckpointCodec.EncodeSnapshot(live.Export(), 0);
            }

            SessionDriver.Run(live, config, order: (ulong)live.Generation + 1, maxRounds: 1);
            if (live.Generation > 3 || live.IsFinished)
            {
                records.Add(live.LastRecord!);
            }
        }

        // What a resumed coordinator and a node replica do: restore the snapshot, replay the records.
        var replica = SessionDriver.NewSession(config);
        replica.Restore(CheckpointCodec.DecodeSnapshot(snapshot!).Snapshot);
        foreach (var record in records)
        {
            replica.Replay(record);
        }

        Assert.Equal(live.Theta.ToArray(), replica.Theta.ToArray());
        Assert.Equal(Bits(live.Export().Strategy!), Bits(replica.Export().Strategy!));
        Assert.Equal(strategy, live.StrategyName);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CurrentView_AfterRestore_BuildsTheSameCandidates(string strategy)
    {
        var config = Config(strategy);
        var live = SessionDriver.NewSession(config);
        SessionDriver.Run(live, config, maxRounds: 3);
        var replica = SessionDriver.NewSession(config);
        replica.Restore(CheckpointCodec.DecodeSnapshot(CheckpointCodec.EncodeSnapshot(live.Export(), 0)).Snapshot);

        var a = new float[live.Theta.Length];
        var b = new float[live.Theta.Length];
        for (int i = 0; i < config.Strategy.Population; i++)
        {
            live.CurrentView().Recipe!.Build(new CandidateName(live.Generation, i), a);
            replica.CurrentView().Recipe!.Build(new CandidateName(replica.Generation, i), b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Restore_FirstFormatSnapshotIntoCmaEs_RefusedNamingTheStrategy()
    {
        var openAi = SessionDriver.NewSession(Config("openai-es"));
        var firstFormat = openAi.Export() with { Strategy = null };
        var cma = SessionDriver.NewSession(Config("cma-es"));

        var error = Assert.Throws<InvalidDataException>(() => cma.Restore(firstFormat));

        Assert.Contains("first format", error.Message, StringComparison.Ordinal);
        Assert.Contains("cma-es", error.Message, StringComparison.Ordinal);
        SessionDriver.NewSession(Config("openai-es")).Restore(firstFormat); // an openai-es run still restores from it
    }

    [Fact]
    public void Restore_SnapshotOfAnotherStrategy_Refused()
    {
        var snes = SessionDriver.NewSession(Config("snes"));
        var cma = SessionDriver.NewSession(Config("cma-es"));

        var error = Assert.Throws<InvalidDataException>(() => cma.Restore(snes.Export()));

        Assert.Contains("snes", error.Message, StringComparison.Ordinal);
    }

    private static TrainingConfig Config(string strategy)
    {
        var config = TrainingConfigs.CartPole(generations: 7);
        return config with
        {
            Strategy = config.Strategy with { Name = strategy, Population = ConfigLoader.MirroredStrategies.Contains(strategy) ? 16 : 15, Truncation = 4, TopDirections = 4 },
            Optimizer = strategy == "pgpe" ? new OptimizerOptions { Name = "clipup", LearningRate = 0.1 } : config.Optimizer,
        };
    }

    private static string Bits(StrategyState state) =>
        state.Name + "|" + string.Join(";", state.Reals.Select(r => string.Join(",", r.Select(BitConverter.DoubleToInt64Bits))))
        + "|" + string.Join(";", state.Integers.Select(r => string.Join(",", r)));
}
