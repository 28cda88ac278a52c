using Akka.Configuration;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Tests.Training;
using Es.Actors.Training;
using Es.Core.Configuration;

namespace Es.Actors.Tests.Persistence;

/// <summary>
/// What the coordinator's checkpoints through Akka.Persistence.Sql must guarantee, against a
/// real database: SQLite and PostgreSQL. Runs are stopped part-way (as Ctrl+C would) and
/// resumed by a fresh actor system, so recovery goes through the database each time.
/// </summary>
public abstract class RunPersistenceContract
{
    private static readonly TrainingConfig Config = TrainingConfigs.CartPole(generations: 12) with
    {
        Persistence = new PersistenceOptions { SnapshotEvery = 4 },
    };

    private static readonly Lazy<Task<float[]>> Uninterrupted = new(() => RunAsync(Checkpointing.InMemory(Config), stopAfter: null).ContinueWith(t => t.Result.Theta, TaskScheduler.Default));

    /// <summary>The Akka.Persistence configuration of the database under test.</summary>
    protected abstract Config Persistence { get; }

    /// <summary>Runs SQL against the database behind Akka's back (to damage it).</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    private static string NewRunId() => "run-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Resume_AfterAStopMidRun_SameThetaBitForBit()
    {
        var runId = NewRunId();
        var stopped = await RunAsync(Checkpoints(runId), stopAfter: 7);

        var checkpoints = Checkpoints(runId);
        var resumed = await RunAsync(checkpoints, stopAfter: null);

        Assert.Equal(await Uninterrupted.Value, resumed.Theta);
        Assert.True(stopped.Interrupted);
        Assert.InRange(stopped.GenerationsCompleted, 8, Config.Generations - 1); // the generation in progress when the stop came was finished
        Assert.Equal(stopped.GenerationsCompleted, checkpoints.Checkpoints.Recovery.SnapshotGeneration); // the final snapshot of the stopped tenure
        Assert.Equal(2, checkpoints.Checkpoints.Epoch);
    }

    [Fact]
    public async Task Resume_NewestSnapshotCorrupt_OlderOneUsedAndSameTheta()
    {
        var runId = NewRunId();
        await RunAsync(Checkpoints(runId), stopAfter: 6); // snapshots at generation 4 and where the stop ended the run (before 9)
        await ExecuteRawAsync($"UPDATE snapshot SET snapshot = {FlippedBytes} WHERE persistence_id = '{runId}' AND sequence_number = (SELECT MAX(sequence_number) FROM snapshot WHERE persistence_id = '{runId}')");

        var warnings = new List<string>();
        var checkpoints = Checkpoints(runId);
        var resumed = await RunAsync(checkpoints, stopAfter: null, warnings);

        Assert.Equal(await Uninterrupted.Value, resumed.Theta);
        Assert.Equal(4, checkpoints.Checkpoints.Recovery.SnapshotGeneration);
        Assert.Contains(warnings, w => w.Contains("is corrupt (checksum mismatch); using an older one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resume_GenerationMissingInTheMiddle_RefusedNamingIt()
    {
        var runId = NewRunId();
        await RunAsync(Checkpoints(runId), stopAfter: 7);
        await ExecuteRawAsync($"DELETE FROM snapshot WHERE persistence_id = '{runId}'"); // recovery must replay across the hole
        await ExecuteRawAsync($"DELETE FROM journal WHERE persistence_id = '{runId}' AND sequence_number = 6"); // started, tenure, generations 0..3: generation 3

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(Checkpoints(runId), stopAfter: null));

        Assert.Contains("is missing generation 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondCoordinator_SameRunAtOnce_OnlyOneWritesAndTheOtherFails()
    {
        var runId = NewRunId();
        await RunAsync(Checkpoints(runId), stopAfter: 2);

        // Each holds its first round's report until the other has recovered the run (or
        // failed), so neither can finish the run before the other has taken it too.
        var firstTook = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondTook = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = RunAsync(Checkpoints(runId), stopAfter: null, observer: new HoldingObserver(firstTook, secondTook.Task));
        var second = RunAsync(Checkpoints(runId), stopAfter: null, observer: new HoldingObserver(secondTook, firstTook.Task));
        _ = first.ContinueWith(_ => firstTook.TrySetResult(), TaskScheduler.Default);
        _ = second.ContinueWith(_ => secondTook.TrySetResult(), TaskScheduler.Default);
        var outcomes = await Task.WhenAll(first.ContinueWith(t => t, TaskScheduler.Default), second.ContinueWith(t => t, TaskScheduler.Default));

        // Both recovered the run; the journal's unique sequence numbers let only one continue it.
        var failed = Assert.Single(outcomes, t => t.IsFaulted);
        Assert.Contains("another coordinator may be writing this run", failed.Exception!.InnerException!.Message, StringComparison.Ordinal);
        Assert.Equal(await Uninterrupted.Value, (await Assert.Single(outcomes, t => t.IsCompletedSuccessfully)).Theta);
    }

    [Fact]
    public async Task Snapshots_OldOnesPruned_TheNewestTwoKept()
    {
        var runId = NewRunId();
        await RunAsync(Checkpoints(runId), stopAfter: null); // snapshots at 4, 8 and the end

        var history = await ReadAsync(runId);

        Assert.Equal("finished", history.Status);
        Assert.Equal(12, history.Generations);
        Assert.Equal(CheckpointPlan.SnapshotsKept, await CountSnapshotsAsync(runId));
    }

    /// <summary>How many snapshots the store holds for <paramref name="runId"/>.</summary>
    protected abstract Task<long> CountSnapshotsAsync(string runId);

    /// <summary>Bytes that replace a snapshot: the right length for nothing, so only the checksum can tell.</summary>
    protected abstract string FlippedBytes { get; }

    private Checkpointing Checkpoints(string runId) =>
        new(Persistence, new CheckpointPlan(runId, Config.Env.Name, ConfigWriter.ToJson(Config), Config.Persistence.SnapshotEvery), new RunCheckpoints());

    private async Task<RunHistory> ReadAsync(string runId)
    {
        var host = ActorHost.Start("reader", null, Persistence);
        await using (host.ConfigureAwait(false))
        {
            return await RunReader.ReadAsync(host.System, runId);
        }
    }

    private static async Task<TrainingOutcome> RunAsync(Checkpointing checkpointing, int? stopAfter, List<string>? log = null, IRunObserver? observer = null)
    {
        using var stop = new CancellationTokenSource();
        observer ??= new StoppingObserver(stopAfter, stop);
        var result = await EmbeddedTraining.RunAsync(Config, TrainingConfigs.Noise, 2, observer, stop.Token, line =>
        {
            lock (observer)
            {
                log?.Add(line);
            }
        }, checkpointing: checkpointing);
        return result.Outcome;
    }

    /// <summary>Asks for a stop once <c>stopAfter</c> rounds have completed (as Ctrl+C would).</summary>
    private sealed class StoppingObserver(int? stopAfter, CancellationTokenSource stop) : IRunObserver
    {
        private int _rounds;

        public void OnRoundCompleted(GenerationReport report)
        {
            if (++_rounds == stopAfter)
            {
                stop.Cancel();
            }
        }

        public void OnFinished(TrainingOutcome outcome)
        {
        }
    }

    /// <summary>Says when its coordinator has taken the run, and holds its first report (its coordinator's thread) until <c>other</c> is done.</summary>
    private sealed class HoldingObserver(TaskCompletionSource took, Task other) : IRunObserver
    {
        private bool _held;

        public void OnRecovered(RecoveryResult recovery) => took.TrySetResult();

        public void OnRoundCompleted(GenerationReport report)
        {
            if (!_held)
            {
                _held = true;
                Assert.True(other.Wait(TimeSpan.FromMinutes(1)), "the other coordinator neither took the run nor failed");
            }
        }

        public void OnFinished(TrainingOutcome outcome)
        {
        }
    }
}
