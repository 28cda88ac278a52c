using Es.Actors.Cluster;
using Es.Actors.Persistence;
using Es.Actors.Tests.Training;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Strategies;

namespace Es.Actors.Tests.Cluster;

/// <summary>A node's replica follows the coordinator's records bit for bit and notices when it is out of step.</summary>
public sealed class NodeReplicaTests
{
    private const string RunId = "run-42";

    private static (TrainingConfig Config, TrainingSession Coordinator, NodeReplica Replica) Start()
    {
        var config = TrainingConfigs.CartPole(generations: 6);
        var coordinator = SessionDriver.NewSession(config);
        var replica = new NodeReplica(config, TrainingConfigs.Noise, RunId, CheckpointCodec.EncodeSnapshot(coordinator.Export(), 0));
        return (config, coordinator, replica);
    }

    /// <summary>Runs one round on the coordinator and returns its broadcast.</summary>
    private static GenerationStarted Round(TrainingSession coordinator, TrainingConfig config)
    {
        SessionDriver.Run(coordinator, config, maxRounds: 1);
        return new GenerationStarted(coordinator.Generation, ThetaHash.Compute(coordinator.Theta), coordinator.LastRecord);
    }

    [Fact]
    public void Apply_EachBroadcastInOrder_AdvancedWithCoordinatorsTheta()
    {
        var (config, coordinator, replica) = Start();

        for (int g = 1; g <= 3; g++)
        {
            Assert.Equal(ReplicaStep.Advanced, replica.Apply(Round(coordinator, config)));
            Assert.Equal(g, replica.Generation);
            Assert.Equal(coordinator.Theta.ToArray(), replica.View.Theta);
        }
    }

    [Fact]
    public void Apply_BroadcastThroughTheWire_Advanced()
    {
        var (config, coordinator, replica) = Start();
        var serializer = new ClusterMessageSerializer(null!);
        var broadcast = Round(coordinator, config);
        var sent = serializer.ToBinary(broadcast);

        var received = Assert.IsType<GenerationStarted>(serializer.FromBinary(sent, serializer.Manifest(broadcast)));

        Assert.Equal(ReplicaStep.Advanced, replica.Apply(received));
        Assert.Equal(coordinator.Theta.ToArray(), replica.View.Theta);
    }

    [Fact]
    public void Apply_SameBroadcastTwice_InStep()
    {
        var (config, coordinator, replica) = Start();
        var broadcast = Round(coordinator, config);
        replica.Apply(broadcast);

        Assert.Equal(ReplicaStep.InStep, replica.Apply(broadcast));
        Assert.Equal(1, replica.Generation);
    }

    [Fact]
    public void Apply_WrongThetaHash_OutOfStep()
    {
        var (config, coordinator, replica) = Start();
        var broadcast = Round(coordinator, config);
        var hash = (byte[])broadcast.ThetaHash.Clone();
        hash[0] ^= 1;

        Assert.Equal(ReplicaStep.OutOfStep, replica.Apply(broadcast with { ThetaHash = hash }));
    }

    [Fact]
    public void Apply_MissedBroadcast_OutOfStep()
    {
        var (config, coordinator, replica) = Start();
        Round(coordinator, config); // lost on the way

        Assert.Equal(ReplicaStep.OutOfStep, replica.Apply(Round(coordinator, config)));
        Assert.Equal(0, replica.Generation);
    }

    [Fact]
    public void Apply_NoRecordAfterTakeover_OutOfStep()
    {
        var (config, coordinator, replica) = Start();

        Assert.Equal(ReplicaStep.OutOfStep, replica.Apply(Round(coordinator, config) with { Previous = null }));
    }

    [Fact]
    public void Apply_OlderGeneration_Ignored()
    {
        var (config, coordinator, replica) = Start();
        var first = Round(coordinator, config);
        var second = Round(coordinator, config);
        replica.Apply(first);
        replica.Apply(second);

        Assert.Equal(ReplicaStep.Ignored, replica.Apply(first));
        Assert.Equal(2, replica.Generation);
    }

    [Fact]
    public void Reset_FresherSnapshotAfterOutOfStep_CatchesUpAndFollowsAgain()
    {
        var (config, coordinator, replica) = Start();
        Round(coordinator, config);
        Round(coordinator, config);

        Assert.True(replica.Reset(CheckpointCodec.EncodeSnapshot(coordinator.Export(), 0)));
        Assert.Equal(2, replica.Generation);
        Assert.Equal(ReplicaStep.Advanced, replica.Apply(Round(coordinator, config)));
        Assert.Equal(coordinator.Theta.ToArray(), replica.View.Theta);
    }

    [Fact]
    public void Reset_OlderSnapshot_Ignored()
    {
        var (config, coordinator, replica) = Start();
        var old = CheckpointCodec.EncodeSnapshot(coordinator.Export(), 0);
        replica.Apply(Round(coordinator, config));

        Assert.False(replica.Reset(old));
        Assert.Equal(1, replica.Generation);
    }
}
