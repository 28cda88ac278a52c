using Akka.Actor;
using Es.Core.Configuration;
using Es.TestKit;

namespace Es.Actors.Tests.Simulation;

/// <summary>
/// Prefetch: an evaluator holds the task it runs and the next one, waiting in its mailbox.
/// The waiting one never counts against an attempt or a deadline while it waits, and
/// nothing it holds is lost when it fails, hangs or its node stops.
/// </summary>
/// <remarks>
/// Generation 0 of <see cref="Simulations.Config"/> is six tasks: candidates 0–2, 3–5, …, 15,
/// one episode each, taken in that order; a lone evaluator stalled on its first episode
/// runs candidates 0–2 and has 3–5 waiting.
/// </remarks>
public sealed class PrefetchSimulationTests
{
    private const int EpisodesInFirstTask = 3;

    [Fact]
    public async Task Evaluator_StillRunningItsTask_AlreadyHoldsTheNext()
    {
        await using var cluster = Simulations.Create(Simulations.Config(), nodes: 1, evaluatorsPerNode: 1);
        cluster.Evaluator(0, 0).StallNext();
        await cluster.BeginRunAsync();
        await cluster.Evaluator(0, 0).Stalled.WaitAsync(TestTimeouts.Default);

        await cluster.ExpectTasksTakenAsync(2); // times out if the next task waited for the answer
        cluster.Evaluator(0, 0).Release();

        Assert.Equal(await Simulations.FaultFreeTheta, (await cluster.RunToEndAsync()).Theta);
    }

    [Fact]
    public async Task PoolStops_WhileATaskWaits_TheRunningAndTheWaitingTaskGoBack()
    {
        await using var cluster = Simulations.Create(Simulations.Config(), nodes: 2, evaluatorsPerNode: 1);
        cluster.Evaluator(0, 0).StallNext();
        cluster.Evaluator(1, 0).StallNext();
        await cluster.BeginRunAsync();
        await cluster.ExpectTasksTakenAsync(4); // each node: one running, one waiting

        cluster.KillNode(1);
        await cluster.Node(1).WatchAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(2, cluster.Fabric.TasksRedelivered); // both, and no more: a node holds two per evaluator at most
        cluster.Evaluator(0, 0).Release();
        Assert.Equal(await Simulations.FaultFreeTheta, (await cluster.RunToEndAsync()).Theta);
    }

    [Fact]
    public async Task PoolStops_AfterTakingTasksBothThroughItsPumpAndDirectly_HeldTwoAndNoMore()
    {
        // The pool has asked its pump for two tasks before the generation is published; the
        // pump brings one and the pool takes the next from the fabric itself. The pump's
        // second credit must have been taken back, or a third task would sit in the pool.
        await using var cluster = await StalledWithTheNextWaitingAsync(Simulations.Config());

        cluster.KillNode(0);
        await cluster.Node(0).WatchAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(2, cluster.Fabric.TasksRedelivered);
    }

    [Fact]
    public async Task Crash_WhileATaskWaits_OnlyTheRunningTaskCountsAnAttempt()
    {
        // One attempt each: a task counted failed is given up at once and its candidates reported failed.
        var config = Simulations.Config() with { Supervision = new SupervisionOptions { MaxAttempts = 1, MaxFailedFraction = 0.5 } };
        await using var cluster = await StalledWithTheNextWaitingAsync(config);

        cluster.CrashEvaluator(0, 0); // the running task's next episode throws
        cluster.Evaluator(0, 0).Release();
        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(3, outcome.CandidatesFailed); // candidates 0–2; 3–5 waited and were scored
        Assert.Equal(3, cluster.Reports[0].CandidatesFailed);
        Assert.Equal(1, cluster.Statistics.EvaluatorRestarts);
    }

    [Fact]
    public async Task Crash_WhileATaskWaits_SameThetaAndOnlyTheRunningTaskWentBack()
    {
        await using var cluster = await StalledWithTheNextWaitingAsync(Simulations.Config());

        cluster.CrashEvaluator(0, 0);
        cluster.Evaluator(0, 0).Release();
        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
        Assert.Equal(1, cluster.Fabric.TasksRedelivered); // the waiting task was handed out again by the pool itself
        Assert.Equal(0, outcome.CandidatesFailed);
    }

    [Fact]
    public async Task Hang_OnTheRunningTask_OnlyThatTaskIsGivenUp()
    {
        var config = Simulations.Config() with
        {
            Supervision = new SupervisionOptions { MaxAttempts = 1, MaxFailedFraction = 0.5, TaskDeadlineSeconds = 5 },
        };
        await using var cluster = await StalledWithTheNextWaitingAsync(config);

        cluster.Clock.Advance(TimeSpan.FromSeconds(5));
        await cluster.ExpectLogAsync(l => l.Contains("node-0/evaluator-0 failed (TaskDeadlineExceededException", StringComparison.Ordinal));
        cluster.Evaluator(0, 0).Release(); // its late answer is ignored
        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(3, outcome.CandidatesFailed);
        Assert.Equal(1, cluster.Statistics.DeadlinesExpired);
    }

    [Fact]
    public async Task WaitingTask_ItsDeadlineCountsFromWhenItStarts()
    {
        var config = Simulations.Config() with { Supervision = new SupervisionOptions { TaskDeadlineSeconds = 5 } };
        await using var cluster = await StalledWithTheNextWaitingAsync(config);
        var evaluator = cluster.Evaluator(0, 0);

        cluster.Clock.Advance(TimeSpan.FromSeconds(4)); // the waiting task has waited 4 s
        evaluator.ReleaseAndStallAfter(EpisodesInFirstTask - 1); // the running task ends; the waiting one starts, and stalls
        await evaluator.Stalled.WaitAsync(TestTimeouts.Default);
        await cluster.Clock.TimerCreatedAsync(); // the first task's deadline, armed as it was handed out
        Assert.Equal(TimeSpan.FromSeconds(5), await cluster.Clock.TimerCreatedAsync()); // the second's, armed as it started: its full 5 s
        cluster.Clock.Advance(TimeSpan.FromSeconds(4)); // 8 s since it was handed out, 4 s since it started
        cluster.Clock.Advance(TimeSpan.FromSeconds(1));

        var failed = await cluster.ExpectLogAsync(l => l.Contains("failed (TaskDeadlineExceededException", StringComparison.Ordinal));
        Assert.Contains("not answered after 5.0 s", failed, StringComparison.Ordinal); // not 8 s: its clock did not run while it waited
        evaluator.Release();
        Assert.Equal(await Simulations.FaultFreeTheta, (await cluster.RunToEndAsync()).Theta);
        Assert.Equal(1, cluster.Statistics.DeadlinesExpired);
    }

    [Fact]
    public async Task EvaluatorLeftIdle_RunsTheTaskWaitingBehindAStalledOne()
    {
        await using var cluster = Simulations.Create(Simulations.Config(), nodes: 1, evaluatorsPerNode: 2);
        int scored = 0;
        var allButTheStalledTask = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.InterceptResults((result, deliver) =>
        {
            if (result.Task.Generation == 0 && Interlocked.Increment(ref scored) == 5)
            {
                allButTheStalledTask.TrySetResult();
            }

            deliver(result);
        });
        var slow = cluster.Evaluator(0, 0);
        var quick = cluster.Evaluator(0, 1);
        slow.StallNext();
        quick.StallNext();
        await cluster.BeginRunAsync();
        await cluster.ExpectTasksTakenAsync(4); // each: one running (stalled), one waiting

        quick.Release(); // it scores its two, then the last two of the six, then is idle
        await allButTheStalledTask.Task.WaitAsync(TestTimeouts.Default); // 4, not 5, if the slow one kept its waiting task

        Assert.Equal(0, cluster.Fabric.TasksRedelivered); // taken within the pool, not through the fabric
        slow.Release(); // it skips the task it no longer holds
        Assert.Equal(await Simulations.FaultFreeTheta, (await cluster.RunToEndAsync()).Theta);
    }

    /// <summary>One node, one evaluator stalled in its first task with the second waiting in its mailbox.</summary>
    private static async Task<SimulatedCluster> StalledWithTheNextWaitingAsync(TrainingConfig config)
    {
        var cluster = Simulations.Create(config, nodes: 1, evaluatorsPerNode: 1);
        cluster.Evaluator(0, 0).StallNext();
        await cluster.BeginRunAsync();
        await cluster.Evaluator(0, 0).Stalled.WaitAsync(TestTimeouts.Default);
        await cluster.ExpectTasksTakenAsync(2);
        return cluster;
    }
}
