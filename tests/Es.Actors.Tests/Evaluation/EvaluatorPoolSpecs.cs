using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Actors.Supervision;
using Es.Core.Rollouts;
using Es.TestKit;
using static Es.Actors.Tests.Evaluation.EvaluatorSpecSetup;

namespace Es.Actors.Tests.Evaluation;

/// <summary>
/// Akka.TestKit specs of an <see cref="EvaluatorPoolActor"/> over an <see cref="InMemoryFabric"/>
/// whose coordinator is a <see cref="TestProbe"/>: the pool's results arrive at the probe. Its
/// evaluators run simulated problems whose faults each test plans (<see cref="EvaluatorFaults"/>),
/// and time is virtual: deadlines and backoff move only when a test advances the scheduler.
/// </summary>
public sealed class EvaluatorPoolSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TestTimeouts.Default;
    private readonly List<EvaluatorFaults> _faults = [];

    // SimulatedScheduler is Akka.TestKit's TestScheduler that also says when a timer was armed:
    // a test advances time only once the timer it means to fire exists, so nothing races the clock.
    public EvaluatorPoolSpecs()
        : base(ConfigurationFactory.ParseString(SimulatedScheduler.Hocon).WithFallback(SystemConfig))
    {
    }

    private SimulatedScheduler Clock => (SimulatedScheduler)Sys.Scheduler;

    [Fact]
    public void Crash_EvaluatorThrows_RestartedAndTheTaskScoredAsAFaultFreePoolScoresIt()
    {
        var task = Generation.Tasks[0];
        var clean = StartPool("clean", 1, RestartPolicy.Unlimited);
        var crashing = StartPool("crashing", 1, RestartPolicy.Unlimited);
        crashing.Faults[0].CrashNext(); // its first episode throws

        clean.Publish(task);
        crashing.Publish(task);

        var expected = clean.Coordinator.ExpectMsg<TaskResult>(Wait);
        AssertSameScores(expected, crashing.Coordinator.ExpectMsg<TaskResult>(Wait));
        Assert.Equal(1, crashing.Statistics.EvaluatorRestarts);
        Assert.Equal(1, crashing.Fabric.TasksRedelivered); // scored again, not answered from the failed attempt
        Assert.Equal(0, clean.Statistics.EvaluatorRestarts);
    }

    [Fact]
    public async Task Deadline_EvaluatorHangs_ReplacedAfterTheDeadlineAndTheTaskScored()
    {
        // A fixed deadline: a derived one would depend on the tasks completed before.
        var pool = StartPool("pool", 1, RestartPolicy.Unlimited, new PoolSettings { TaskDeadline = TimeSpan.FromSeconds(5) });
        var hung = await EvaluatorAsync(pool, "evaluator-0");
        Watch(hung);
        pool.Faults[0].StallNext(); // deaf to cancellation, like an environment stuck in native code
        var task = Generation.Tasks[0];
        pool.Publish(task);
        // The pool armed the deadline before it told the evaluator, so it is armed once the evaluator stalls.
        await pool.Faults[0].Stalled.WaitAsync(Wait);

        await EventFilter.Info(contains: "/pool/evaluator-0 failed (TaskDeadlineExceededException")
            .ExpectOneAsync(() =>
            {
                Clock.Advance(TimeSpan.FromSeconds(5));
                return Task.CompletedTask;
            });
        pool.Faults[0].Release(); // the hung instance returns, its answer is stale, and it stops

        AssertSameScores(Expected(task), await pool.Coordinator.ExpectMsgAsync<TaskResult>(Wait));
        await ExpectTerminatedAsync(hung, Wait);
        Assert.NotNull(await EvaluatorAsync(pool, "evaluator-0-1")); // a fresh evaluator in the slot, under a new name
        Assert.Equal(1, pool.Statistics.DeadlinesExpired);
        Assert.Equal(1, pool.Statistics.EvaluatorRestarts);
    }

    [Fact]
    public async Task RestartBudget_Exhausted_ThatEvaluatorStopsAndTheOtherAnswersEveryTask()
    {
        // Two restarts without a task completed, then the third failure stops it; attempts are
        // plenty, so no task is given up while the broken evaluator burns through them.
        var pool = StartPool("pool", 2, new RestartPolicy(MaxRestarts: 2, TimeSpan.Zero, Backoff: null), new PoolSettings { MaxAttempts = 10 });
        var broken = await EvaluatorAsync(pool, "evaluator-0");
        Watch(broken);
        pool.Faults[0].FailAlways();
        pool.Faults[1].StallNext(); // holds its first two tasks, so the broken one is sure to be offered the others

        pool.Publish([.. Generation.Tasks]);
        await ExpectTerminatedAsync(broken, Wait);
        pool.Faults[1].Release();

        var results = new List<TaskResult>();
        for (int i = 0; i < Generation.Tasks.Count; i++)
        {
            results.Add(await pool.Coordinator.ExpectMsgAsync<TaskResult>(Wait));
        }

        Assert.Equal(Generation.Tasks.OrderBy(t => t.First), results.Select(r => r.Task).OrderBy(t => t.First)); // each once
        Assert.All(results, result => AssertSameScores(Expected(result.Task), result));
        Assert.Equal(2, pool.Statistics.EvaluatorRestarts);
        Assert.Equal(1, pool.Statistics.EvaluatorsStopped);
    }

    [Fact]
    public async Task Backoff_RestartedEvaluator_GetsNoWorkUntilTheBackoffHasPassed()
    {
        // No jitter, so the delay is exactly Min; the only timer of that length (task deadlines are 60 s here).
        var backoff = new RestartBackoff(Min: TimeSpan.FromSeconds(1), Max: TimeSpan.FromSeconds(1), RandomFactor: 0);
        var pool = StartPool("pool", 1, new RestartPolicy(MaxRestarts: -1, TimeSpan.Zero, backoff));
        pool.Faults[0].CrashNext();
        var task = Generation.Tasks[0];

        pool.Publish(task);
        while (await Clock.TimerCreatedAsync(Wait) != backoff.Min)
        {
            // a deadline timer: the backoff is armed when the restarted instance says it is ready
        }

        Clock.Advance(backoff.Min - TimeSpan.FromTicks(1));
        // Absence can only be observed for a while; the result, when it wrongly comes, comes at once.
        await pool.Coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        Clock.Advance(TimeSpan.FromTicks(1));
        AssertSameScores(Expected(task), await pool.Coordinator.ExpectMsgAsync<TaskResult>(Wait));
        Assert.Equal(1, pool.Statistics.EvaluatorRestarts);
    }

    [Fact]
    public async Task Backoff_EvaluatorFailsWhileStarting_AFreshOneIsStartedOnlyAfterEachBackoff()
    {
        // Its problem cannot be built twice (an engine not ready yet), then can: each failed
        // start waits its backoff (1 s, then 2 s: no jitter) before the next is tried.
        var backoff = new RestartBackoff(Min: TimeSpan.FromSeconds(1), Max: TimeSpan.FromSeconds(10), RandomFactor: 0);
        int starts = 0;
        var fabric = new InMemoryFabric();
        var coordinator = CreateTestProbe("coordinator");
        fabric.AttachCoordinator(coordinator.Ref);
        var statistics = new PoolStatistics();
        CandidateEvaluator Build() => Interlocked.Increment(ref starts) <= 2 ? throw new InvalidOperationException("engine not ready") : NewEvaluator();
        Sys.ActorOf(EvaluatorPoolActor.Props(fabric, 1, (_, _) => EvaluatorActor.Props(Build, RunSettings), new RestartPolicy(MaxRestarts: 5, TimeSpan.Zero, backoff), statistics), "pool");
        var task = Generation.Tasks[0];
        fabric.Publish(Generation.View, [task]);

        foreach (var delay in new[] { backoff.Min, backoff.Min * 2 })
        {
            while (await Clock.TimerCreatedAsync(Wait) != delay)
            {
                // another timer (none is expected before the replacement is due)
            }

            int before = Volatile.Read(ref starts);
            Clock.Advance(delay - TimeSpan.FromTicks(1));
            await coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300)); // a start, when it wrongly comes, comes at once
            Assert.Equal(before, Volatile.Read(ref starts));
            Clock.Advance(TimeSpan.FromTicks(1));
        }

        AssertSameScores(Expected(task), await coordinator.ExpectMsgAsync<TaskResult>(Wait));
        Assert.Equal(3, Volatile.Read(ref starts));
        Assert.Equal(2, statistics.EvaluatorRestarts);
        Assert.Equal(0, statistics.EvaluatorsStopped);
    }

    protected override void Dispose(bool disposing)
    {
        // A stalled evaluator holds its thread until released: free them before the system stops.
        foreach (var faults in _faults)
        {
            faults.Release();
        }

        base.Dispose(disposing);
    }

    /// <summary>A pool named <paramref name="name"/> of <paramref name="evaluators"/> simulated evaluators, its coordinator a fresh probe.</summary>
    private PoolUnderTest StartPool(string name, int evaluators, RestartPolicy restarts, PoolSettings? settings = null)
    {
        var fabric = new InMemoryFabric();
        var coordinator = CreateTestProbe($"{name}-coordinator");
        fabric.AttachCoordinator(coordinator.Ref);
        var faults = Enumerable.Range(0, evaluators).Select(_ => new EvaluatorFaults()).ToArray();
        _faults.AddRange(faults);
        var statistics = new PoolStatistics();

        // As SimulatedCluster builds them: each incarnation gets a fresh problem, the slot's fault plan stays.
        Props EvaluatorProps(IActorRef pool, int slot) =>
            EvaluatorActor.Props(() => NewEvaluator(new SimulatedProblem(ProblemFactory.Create(RunConfig), faults[slot])), RunSettings);
        var pool = Sys.ActorOf(EvaluatorPoolActor.Props(fabric, evaluators, EvaluatorProps, restarts, statistics, settings), name);
        return new PoolUnderTest(pool, fabric, coordinator, faults, statistics);
    }

    /// <summary>The pool's child named <paramref name="name"/>, looked up the Akka way.</summary>
    private async Task<IActorRef> EvaluatorAsync(PoolUnderTest pool, string name)
    {
        // A selection walks the tree on the caller's thread: wait until the pool's PreStart has
        // created its evaluators (each has built its first problem), or it may find none yet.
        await Task.WhenAll(pool.Faults.Select(f => f.Started)).WaitAsync(Wait);
        Sys.ActorSelection(pool.Pool.Path / name).Tell(new Identify(name), TestActor);
        return (await ExpectMsgAsync<ActorIdentity>(Wait)).Subject ?? throw new InvalidOperationException($"{pool.Pool.Path / name} does not exist.");
    }

    private sealed record PoolUnderTest(IActorRef Pool, InMemoryFabric Fabric, TestProbe Coordinator, EvaluatorFaults[] Faults, PoolStatistics Statistics)
    {
        /// <summary>Publishes tasks of generation 0, as the coordinator would.</summary>
        public void Publish(params EvaluationTask[] tasks) => Fabric.Publish(Generation.View, tasks);
    }
}
