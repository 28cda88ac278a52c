using Es.Actors.Fabric;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.TestKit;

namespace Es.Actors.Tests.Simulation;

/// <summary>
/// A cluster of simulated nodes (Akka evaluator pools) over the in-memory fabric on Akka's virtual time, with faults
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
        await Task.WhenAll(cluster.Evaluator(0, 0).Stalled, cluster.Evaluator(1, 0).Stalled).WaitAsync(TestTimeouts.Default);
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
        await cluster.Evaluator(0, 0).Stalled.WaitAsync(TestTimeouts.Default);

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
    public async Task PoolFails_EveryEvaluatorStopped_ReportedToTheRunAndTheOtherNodeCarriesOn()
    {
        // Node 0's only evaluator always fails and may not restart: its pool has no evaluator
        // left and fails; node 1's evaluator holds a task until that is seen, so node 0 is sure to be offered work.
        var config = Simulations.Config() with { Supervision = new SupervisionOptions { MaxRestarts = 0, MaxAttempts = 10 } };
        await using var cluster = Simulations.Create(config, nodes: 2, evaluatorsPerNode: 1);
        cluster.Evaluator(0, 0).FailAlways();
        cluster.Evaluator(1, 0).StallNext();
        await cluster.BeginRunAsync();

        await cluster.ExpectLogAsync(l => l.Contains("/node-0: failed and was stopped", StringComparison.Ordinal));
        cluster.Evaluator(1, 0).Release();
        var outcome = await cluster.RunToEndAsync();

        var (actor, reason) = Assert.Single(cluster.TopLevelFailures);
        Assert.Equal(cluster.Node(0), actor);
        Assert.Contains("Every evaluator of this pool has stopped", reason.Message, StringComparison.Ordinal);
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
