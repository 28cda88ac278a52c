using Es.Actors.Fabric;
using Es.Actors.Kernel;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.TestKit;

namespace Es.Actors.Tests.Simulation;

/// <summary>
/// A cluster of simulated nodes over the in-memory fabric on a manual clock, with faults
/// injected: whatever fails, the run completes with the θ a fault-free run reaches.
/// </summary>
public sealed class SupervisionSimulationTests
{
    [Fact]
    public async Task Run_TenPercentOfEvaluationsCrash_SameThetaAsFaultFree()
    {
        var config = Simulations.Config() with { Chaos = new ChaosOptions { EvaluatorCrashRate = 0.1 } };
        await using var cluster = await Simulations.StartAsync(config);

        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
        Assert.True(cluster.Statistics.EvaluatorRestarts > 0);
        Assert.True(cluster.Fabric.CandidatesRetried > 0);
        Assert.Equal(0, outcome.CandidatesFailed);
    }

    [Fact]
    public async Task KillNode_MidGeneration_ItsCandidatesRescoredElsewhereAndSameTheta()
    {
        // Every evaluator stalls on its first task, so each is sure to hold one when node 1 dies.
        await using var cluster = Simulations.Create(Simulations.Config(), nodes: 2, evaluatorsPerNode: 1);
        cluster.Evaluator(0, 0).StallNext();
        cluster.Evaluator(1, 0).StallNext();
        await cluster.BeginRunAsync();
        await Task.WhenAll(cluster.Evaluator(0, 0).Stalled, cluster.Evaluator(1, 0).Stalled).WaitAsync(TestProbe.DefaultTimeout);
        Assert.Empty(cluster.Reports); // generation 0 is in progress

        cluster.KillNode(1);
        cluster.Evaluator(0, 0).Release();
        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
        Assert.True(cluster.Fabric.TasksRedelivered >= 1);
        Assert.Equal(Simulations.Config().Generations, outcome.GenerationsCompleted);
    }

    [Fact]
    public async Task RestartBudget_Exhausted_ThatEvaluatorStopsAndTheOthersCarryOn()
    {
        var config = Simulations.Config() with { Supervision = new SupervisionOptions { MaxRestarts = 3, MaxAttempts = 10 } };
        await using var cluster = Simulations.Create(config, nodes: 1, evaluatorsPerNode: 2);
        cluster.Evaluator(0, 0).FailAlways();
        cluster.Evaluator(0, 1).StallNext(); // holds one task, so the broken evaluator is offered the others
        await cluster.BeginRunAsync();
        await cluster.ExpectLogAsync(l => l.Contains("node-0/evaluator-0: restart budget of 3 spent", StringComparison.Ordinal));
        cluster.Evaluator(0, 1).Release();

        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
        Assert.Equal(3, cluster.Statistics.EvaluatorRestarts);
        Assert.Equal(1, cluster.Statistics.EvaluatorsStopped);
    }

    [Fact]
    public async Task Hang_DeadlineRestartsTheEvaluator_SameTheta()
    {
        // A fixed deadline: derived ones would grow with the simulated time each hang skips.
        var config = Simulations.Config() with
        {
            Chaos = new ChaosOptions { EvaluatorHangRate = 0.05 },
            Supervision = new SupervisionOptions { TaskDeadlineSeconds = 5 },
        };
        await using var cluster = await Simulations.StartAsync(config);

        var outcome = await Simulations.RunAdvancingOnHangsAsync(cluster, l => l.Contains("hang injected", StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
        Assert.True(cluster.Statistics.DeadlinesExpired > 0);
        Assert.True(cluster.Statistics.EvaluatorRestarts > 0);
    }

    [Fact]
    public async Task Deadline_LateAnswerOfTheAbandonedEvaluator_IgnoredAndSameTheta()
    {
        // One evaluator, and a fixed deadline: a derived one would grow with the simulated time skipped below.
        var config = Simulations.Config() with { Supervision = new SupervisionOptions { TaskDeadlineSeconds = 5 } };
        await using var cluster = Simulations.Create(config, nodes: 1, evaluatorsPerNode: 1);
        cluster.Evaluator(0, 0).StallNext(); // stuck, and deaf to cancellation
        await cluster.BeginRunAsync();
        await cluster.Evaluator(0, 0).Stalled.WaitAsync(TestProbe.DefaultTimeout);

        cluster.Clock.Advance(TimeSpan.FromSeconds(5));
        await cluster.ExpectLogAsync(l => l.Contains("node-0/evaluator-0 failed (TaskDeadlineExceededException", StringComparison.Ordinal));
        cluster.Evaluator(0, 0).Release(); // its answer now comes too late; the fresh instance scores the task again
        await cluster.ExpectLogAsync(l => l.Contains("node-0/evaluator-0: ignored a stale answer", StringComparison.Ordinal));

        Assert.Equal(await Simulations.FaultFreeTheta, (await cluster.RunToEndAsync()).Theta);
        Assert.Equal(1, cluster.Statistics.DeadlinesExpired);
    }

    [Fact]
    public async Task Results_DuplicatedAndReplayedFromAnOlderGeneration_IgnoredAndSameTheta()
    {
        await using var cluster = Simulations.Create(Simulations.Config());
        var delivered = new List<TaskResult>();
        int newest = 0;
        cluster.InterceptResults((result, deliver) =>
        {
            List<TaskResult> stale = [];
            lock (delivered)
            {
                if (result.Task.Generation > newest)
                {
                    newest = result.Task.Generation;
                    stale.AddRange(delivered);
                }

                delivered.Add(result);
            }

            deliver(result);
            deliver(result); // duplicated
            stale.ForEach(deliver); // every result of the older generations, again
        });
        await cluster.BeginRunAsync();

        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
        Assert.True(newest >= 2);
    }

    [Fact]
    public async Task AllForOne_OneEvaluatorCrashes_ItsSiblingsRestartTooAndSameTheta()
    {
        // The crash is planned on every evaluator (whichever is offered work first fails), so
        // the count does not depend on scheduling: each failure restarts all three.
        var strategy = new AllForOneStrategy(_ => Directive.Restart);
        await using var cluster = Simulations.Create(Simulations.Config(), nodes: 1, evaluatorsPerNode: 3, strategy: strategy);
        for (int i = 0; i < 3; i++)
        {
            cluster.CrashEvaluator(0, i);
        }

        await cluster.BeginRunAsync();
        var outcome = await cluster.RunToEndAsync();

        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
        Assert.True(cluster.Statistics.EvaluatorRestarts >= 3);
        Assert.Equal(0, cluster.Statistics.EvaluatorRestarts % 3);
    }

    [Fact]
    public async Task Escalate_EvaluatorFails_ReachesThePoolsParentAndTheOtherNodeCarriesOn()
    {
        // Node 1's evaluator holds a task until the escalation is seen, so node 0's is sure to be offered work.
        var strategy = new OneForOneStrategy(_ => Directive.Escalate);
        await using var cluster = Simulations.Create(Simulations.Config(), nodes: 2, evaluatorsPerNode: 1, strategy: strategy);
        cluster.CrashEvaluator(0, 0);
        cluster.Evaluator(1, 0).StallNext();
        await cluster.BeginRunAsync();

        await cluster.ExpectLogAsync(l => l.Contains("/user/node-0: failed and was stopped", StringComparison.Ordinal));
        cluster.Evaluator(1, 0).Release();
        var outcome = await cluster.RunToEndAsync();

        var (actor, reason) = Assert.Single(cluster.TopLevelFailures);
        Assert.Equal(cluster.Node(0), actor);
        var escalated = Assert.IsType<EscalatedException>(reason);
        Assert.IsType<SimulatedFaultException>(escalated.InnerException);
        Assert.Equal(await Simulations.FaultFreeTheta, outcome.Theta);
    }

    [Fact]
    public async Task MaxAttempts_Spent_CandidatesFailedAndTheRunCarriesOn()
    {
        var config = Simulations.Config() with { Supervision = new SupervisionOptions { MaxAttempts = 1, MaxFailedFraction = 0.5 } };
        await using var cluster = Simulations.Create(config, nodes: 1, evaluatorsPerNode: 1);
        cluster.CrashEvaluator(0, 0); // the first task, g0 candidates 0..2
        await cluster.BeginRunAsync();

        var outcome = await cluster.RunToEndAsync();

        // Given up after its only attempt; candidate 3 is dropped with its partner 2 but did not fail.
        Assert.Equal(3, outcome.CandidatesFailed);
        Assert.Equal(3, cluster.Reports[0].CandidatesFailed);
        Assert.Equal(config.Generations, outcome.GenerationsCompleted);
        Assert.Contains(cluster.Log, l => l.Contains("given up after 1 attempt(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MaxFailedFraction_Exceeded_RunStopsWithAClearError()
    {
        var config = Simulations.Config() with { Supervision = new SupervisionOptions { MaxAttempts = 1, MaxFailedFraction = 0.1 } };
        await using var cluster = Simulations.Create(config, nodes: 1, evaluatorsPerNode: 1);
        cluster.CrashEvaluator(0, 0);
        await cluster.BeginRunAsync();

        var error = await Assert.ThrowsAsync<GenerationFailedException>(() => cluster.RunToEndAsync());

        Assert.Contains("generation 0: 3 of 16 candidates failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("supervision.max_failed_fraction", error.Message, StringComparison.Ordinal);
    }
}
