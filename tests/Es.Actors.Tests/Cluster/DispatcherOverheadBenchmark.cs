using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Es.Actors.Cluster;
using Es.Actors.Fabric;
using Es.Actors.Tests.Training;
using Es.Actors.Training;
using Es.Core.Rollouts;
using Xunit.Abstractions;

namespace Es.Actors.Tests.Cluster;

/// <summary>
/// The coordinator side's own cost per generation with many pools: 1,000 simulated pools (actors
/// that answer each task at once with fixed scores) and a population of 10,000 in tasks of 10,
/// in one process. Prints milliseconds per generation; asserts only that every round completes
/// (speed is reported, never asserted). Run with <c>--filter Category=Benchmark</c>.
/// </summary>
public sealed class DispatcherOverheadBenchmark(ITestOutputHelper output)
{
    private const int Pools = 1000;
    private const int Population = 10_000;
    private const int PerTask = 10;
    private const int Rounds = 20;

    [Fact]
    [Trait("Category", "Benchmark")]
    public async Task ThousandPools_PopulationTenThousand_MillisecondsPerGeneration()
    {
        using var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var counters = new ClusterCounters();
        var dispatcher = system.ActorOf(TaskDispatcherActor.Props(new DispatcherSettings("run", "{}", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), counters, _ => { })));
        var done = new TaskCompletionSource<int>[Rounds + 1];
        for (int i = 0; i <= Rounds; i++)
        {
            done[i] = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var coordinator = system.ActorOf(Props.Create(() => new CountingCoordinator(Population / PerTask, done)));
        dispatcher.Tell(new AttachCoordinator(coordinator));
        for (int i = 0; i < Pools; i++)
        {
            system.ActorOf(Props.Create(() => new InstantPool(dispatcher, 2)));
        }

        var times = new List<double>();
        var busy = new List<double>();
        for (int g = 0; g <= Rounds; g++)
        {
            var tasks = Enumerable.Range(0, Population / PerTask).Select(t => new EvaluationTask(g, TaskKind.Candidates, t * PerTask, PerTask)).ToArray();
            var clock = Stopwatch.StartNew();
            var busyBefore = counters.DispatcherBusy;
            dispatcher.Tell(new PublishRound(g, new byte[32], null, tasks));
            Assert.Equal(tasks.Length, await done[g].Task.WaitAsync(TimeSpan.FromMinutes(2)));
            if (g > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds); // round 0 warms up
                busy.Add((counters.DispatcherBusy - busyBefore).TotalMilliseconds);
            }
        }

        times.Sort();
        busy.Sort();
        output.WriteLine($"{Pools} pools, population {Population} in {Population / PerTask} tasks, per generation: dispatcher's own time median {busy[busy.Count / 2]:F2} ms (min {busy[0]:F2}, max {busy[^1]:F2}); "
            + $"wall median {times[times.Count / 2]:F2} ms (min {times[0]:F2}, max {times[^1]:F2}; dispatcher, {Pools} in-process pools and the coordinator stand-in on a machine at load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        await system.Terminate();
    }

    /// <summary>Counts each round's results and completes when all came in.</summary>
    private sealed class CountingCoordinator : ReceiveActor
    {
        private int _seen;

        public CountingCoordinator(int perRound, TaskCompletionSource<int>[] done)
        {
            Receive<ExportSnapshot>(_ => Sender.Tell(new ExportedSnapshot(new TrainingSession(TrainingConfigs.CartPole(), TrainingConfigs.Noise, ProblemFactory.Create(TrainingConfigs.CartPole())).Export())));
            Receive<TaskResult>(r =>
            {
                if (++_seen == perRound)
                {
                    done[r.Task.Generation].TrySetResult(_seen);
                    _seen = 0;
                }
            });
        }
    }

    /// <summary>A pool that answers every task at once (the scoring itself is not the dispatcher's cost), asking for the next with each answer.</summary>
    private sealed class InstantPool : ReceiveActor
    {
        private static readonly double[] Scores = new double[PerTask];
        private int _registration;

        public InstantPool(IActorRef dispatcher, int slots)
        {
            Receive<PoolWelcome>(w =>
            {
                _registration = w.Registration;
                dispatcher.Tell(new RequestTasks(_registration, slots));
            });
            Receive<SnapshotChunk>(_ => { });
            Receive<GenerationStarted>(_ => { });
            Receive<TaskBatch>(b =>
            {
                // As a node does: each result asks for the slot it frees.
                foreach (var task in b.Tasks)
                {
                    dispatcher.Tell(new PoolResult(_registration, new TaskResult(task, Scores, 0, []), 0, 0, Asking: 1));
                }
            });
            dispatcher.Tell(new RegisterPool(ClusterProtocol.Version, "pool", slots));
        }
    }
}
