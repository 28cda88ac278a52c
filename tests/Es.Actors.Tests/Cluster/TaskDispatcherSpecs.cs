using Akka.Actor;
using Es.Actors.Cluster;
using Es.Actors.Fabric;
using Es.Actors.Tests.Evaluation;
using Es.Actors.Tests.Training;
using Es.Actors.Training;
using Es.Core.Rollouts;

namespace Es.Actors.Tests.Cluster;

/// <summary>The dispatcher's hand-out on probes: registration, pull, put-back of a lost pool's tasks, idempotent results, stale incarnations.</summary>
public sealed class TaskDispatcherSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly EvaluationTask[] Round =
    [
        new(1, TaskKind.Candidates, 0, 4), new(1, TaskKind.Candidates, 4, 4), new(1, TaskKind.Candidates, 8, 4), new(1, TaskKind.Candidates, 12, 4),
    ];

    private readonly ClusterCounters _counters = new();
    private readonly List<string> _notes = [];

    public TaskDispatcherSpecs()
        : base(EvaluatorSpecSetup.SystemConfig)
    {
    }

    [Fact]
    public void Register_OtherVersion_RefusedNamingBothVersions()
    {
        var (dispatcher, _) = Start();
        var node = CreateTestProbe();

        dispatcher.Tell(new RegisterPool((ushort)(ClusterProtocol.Version + 1), "old", 1), node.Ref);

        var refused = node.ExpectMsg<PoolRefused>();
        Assert.Contains($"version {ClusterProtocol.Version}, this node {ClusterProtocol.Version + 1}", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _counters.Refused);
    }

    [Fact]
    public void PoolTerminatesHoldingTasks_TasksPutBackForTheOther_CountedAndLost()
    {
        var (dispatcher, coordinator) = Start();
        var doomed = Join(dispatcher, coordinator, "doomed");
        var survivor = Join(dispatcher, coordinator, "survivor");
        Publish(dispatcher);
        doomed.Probe.ExpectMsg<GenerationStarted>();
        survivor.Probe.ExpectMsg<GenerationStarted>();

        dispatcher.Tell(new RequestTasks(doomed.Registration, 3), doomed.Probe.Ref);
        var held = doomed.Probe.ExpectMsg<TaskBatch>().Tasks;
        Assert.Equal(3, held.Length);
        Sys.Stop(doomed.Probe.Ref);
        // The dispatcher hears of it through its own death watch: the survivor asks once it has.
        AwaitAssert(() => Assert.Equal(1, _counters.NodesLost));

        dispatcher.Tell(new RequestTasks(survivor.Registration, 10), survivor.Probe.Ref);
        var taken = survivor.Probe.ExpectMsg<TaskBatch>().Tasks;
        Assert.Equal(Round.ToHashSet(), taken.ToHashSet());
        Assert.Equal(3, _counters.TasksRedelivered);
        Assert.Equal(12, _counters.CandidatesRetried);
    }

    [Fact]
    public void Results_SecondAnswerAndOldIncarnation_IgnoredCoordinatorHearsEachTaskOnce()
    {
        var (dispatcher, coordinator) = Start();
        var node = Join(dispatcher, coordinator, "node");
        Publish(dispatcher);
        node.Probe.ExpectMsg<GenerationStarted>();
        dispatcher.Tell(new RequestTasks(node.Registration, 1), node.Probe.Ref);
        var task = Assert.Single(node.Probe.ExpectMsg<TaskBatch>().Tasks);
        var result = new TaskResult(task, new double[task.Count], 10, []);

        dispatcher.Tell(new PoolResult(node.Registration, result, 2, 0), node.Probe.Ref);
        dispatcher.Tell(new PoolResult(node.Registration, result, 2, 0), node.Probe.Ref);
        dispatcher.Tell(new PoolResult(node.Registration + 100, result, 0, 0), node.Probe.Ref);

        Assert.Equal(task, coordinator.ExpectMsg<TaskResult>().Task);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, _counters.StaleResults);
        Assert.Equal(2, _counters.EvaluatorRestarts);
    }

    [Fact]
    public void Result_AskingForMore_TheNextTaskFollowsWithoutARequest()
    {
        var (dispatcher, coordinator) = Start();
        var node = Join(dispatcher, coordinator, "node");
        Publish(dispatcher);
        node.Probe.ExpectMsg<GenerationStarted>();
        dispatcher.Tell(new RequestTasks(node.Registration, 1), node.Probe.Ref);
        var first = Assert.Single(node.Probe.ExpectMsg<TaskBatch>().Tasks);

        dispatcher.Tell(new PoolResult(node.Registration, new TaskResult(first, new double[first.Count], 10, []), 0, 0, Asking: 2), node.Probe.Ref);

        Assert.Equal(first, coordinator.ExpectMsg<TaskResult>().Task);
        var next = node.Probe.ExpectMsg<TaskBatch>().Tasks;
        Assert.Equal(Round.Skip(1).Take(2), next); // in order, as many as asked
        node.Probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Register_AfterTheEndWasAnnounced_ToldTheRunIsOverNotWelcomed()
    {
        var (dispatcher, coordinator) = Start();
        var early = Join(dispatcher, coordinator, "early");
        dispatcher.Tell(new AnnounceFinished("finished"));
        Assert.Equal("finished", early.Probe.ExpectMsg<RunFinished>().Status);
        var late = CreateTestProbe("late");

        dispatcher.Tell(new RegisterPool(ClusterProtocol.Version, "late", 1), late.Ref);

        Assert.Equal("finished", late.ExpectMsg<RunFinished>().Status);
        dispatcher.Tell(new RunFinishedSeen(early.Registration), early.Probe.Ref);
        ExpectMsg<FinishAnnounced>();
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // no snapshot asked for the late node
        Assert.Equal(1, _counters.NodesUp);
    }

    [Fact]
    public void Join_SnapshotLargerThanAChunk_SentInChunksThatRebuildIt()
    {
        var (dispatcher, coordinator) = Start();
        var node = CreateTestProbe();
        dispatcher.Tell(new RegisterPool(ClusterProtocol.Version, "big", 1), node.Ref);
        var session = new TrainingSession(EvaluatorSpecSetup.RunConfig, TrainingConfigs.Noise, Core.Rollouts.ProblemFactory.Create(EvaluatorSpecSetup.RunConfig));
        var exported = session.Export() with { Theta = new float[100_000] }; // 400 kB: seven chunks
        coordinator.ExpectMsg<ExportSnapshot>();
        coordinator.Reply(new ExportedSnapshot(exported));

        var welcome = node.ExpectMsg<PoolWelcome>();
        var bytes = new List<byte>();
        for (int i = 0; i < welcome.Chunks; i++)
        {
            var chunk = node.ExpectMsg<SnapshotChunk>();
            Assert.Equal(i, chunk.Index);
            Assert.True(chunk.Bytes.Length <= ClusterProtocol.ChunkBytes);
            bytes.AddRange(chunk.Bytes);
        }

        Assert.True(welcome.Chunks > 1);
        Assert.Equal(welcome.SnapshotLength, bytes.Count);
        Assert.Equal(100_000, Es.Actors.Persistence.CheckpointCodec.DecodeSnapshot([.. bytes]).Snapshot.Theta.Length);
    }

    private (IActorRef Dispatcher, Akka.TestKit.TestProbe Coordinator) Start()
    {
        var settings = new DispatcherSettings("run", "{}", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), _counters, _notes.Add);
        var dispatcher = Sys.ActorOf(TaskDispatcherActor.Props(settings));
        var coordinator = CreateTestProbe();
        dispatcher.Tell(new AttachCoordinator(coordinator.Ref));
        return (dispatcher, coordinator);
    }

    private (Akka.TestKit.TestProbe Probe, int Registration) Join(IActorRef dispatcher, Akka.TestKit.TestProbe coordinator, string name)
    {
        var probe = CreateTestProbe(name);
        dispatcher.Tell(new RegisterPool(ClusterProtocol.Version, name, 1), probe.Ref);
        coordinator.ExpectMsg<ExportSnapshot>();
        var session = new TrainingSession(EvaluatorSpecSetup.RunConfig, TrainingConfigs.Noise, Core.Rollouts.ProblemFactory.Create(EvaluatorSpecSetup.RunConfig));
        coordinator.Reply(new ExportedSnapshot(session.Export()));
        var welcome = probe.ExpectMsg<PoolWelcome>();
        for (int i = 0; i < welcome.Chunks; i++)
        {
            probe.ExpectMsg<SnapshotChunk>();
        }

        return (probe, welcome.Registration);
    }

    private static void Publish(IActorRef dispatcher) => dispatcher.Tell(new PublishRound(1, new byte[32], null, Round));
}
