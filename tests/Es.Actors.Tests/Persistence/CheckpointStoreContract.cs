using Es.Actors.Persistence;
using Es.Actors.Tests.Training;
using Es.Actors.Training;
using Es.Core.Configuration;

namespace Es.Actors.Tests.Persistence;

/// <summary>What every checkpoint store must do; run against SQLite and PostgreSQL.</summary>
public abstract class CheckpointStoreContract
{
    private static readonly TrainingConfig Config = TrainingConfigs.CartPole(generations: 12) with
    {
        Persistence = new PersistenceOptions { SnapshotEvery = 4 },
    };

    protected abstract CheckpointStore OpenStore();

    /// <summary>Runs SQL against the store behind its back (to corrupt it).</summary>
    protected abstract void ExecuteRaw(string sql, params (string Name, object Value)[] parameters);

    private static string NewRunId() => "run-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Trains <paramref name="rounds"/> rounds of a fresh run into the store.</summary>
    private static (TrainingSession Session, long Epoch) Train(CheckpointStore store, string runId, int rounds)
    {
        store.CreateRun(runId, Config.Env.Name, ConfigWriter.ToJson(Config));
        long epoch = store.AcquireEpoch(runId);
        var session = SessionDriver.NewSession(Config);
        SessionDriver.Run(session, Config, journal: new CheckpointJournal(store, runId, epoch, Config.Persistence.SnapshotEvery, 0), maxRounds: rounds);
        return (session, epoch);
    }

    private static float[] UninterruptedTheta()
    {
        var session = SessionDriver.NewSession(Config);
        SessionDriver.Run(session, Config);
        return session.Theta.ToArray();
    }

    private static float[] ResumeToTheEnd(CheckpointStore store, string runId, List<string>? warnings = null)
    {
        var session = SessionDriver.NewSession(Config);
        RunRecovery.Recover(store, runId, session, line => warnings?.Add(line));
        long epoch = store.AcquireEpoch(runId);
        SessionDriver.Run(session, Config, order: 77, journal: new CheckpointJournal(store, runId, epoch, Config.Persistence.SnapshotEvery, 0));
        return session.Theta.ToArray();
    }

    [Fact]
    public void Recover_AfterACrash_ContinuesToTheSameThetaBitForBit()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        Train(store, runId, rounds: 7); // snapshot at 4, journal 0..6: the crash loses nothing else

        var resumed = SessionDriver.NewSession(Config);
        var recovery = RunRecovery.Recover(store, runId, resumed, _ => { });
        Assert.Equal(4, recovery.SnapshotGeneration);
        Assert.Equal(3, recovery.Replayed.Count);
        Assert.Equal(7, resumed.Generation);
        Assert.Equal(UninterruptedTheta(), ResumeToTheEnd(store, runId));
    }

    [Fact]
    public void AppendJournal_LowerEpoch_RejectedAfterATakeover()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        var (session, oldEpoch) = Train(store, runId, rounds: 2);
        long newEpoch = store.AcquireEpoch(runId); // a second coordinator takes the run over
        Assert.True(newEpoch > oldEpoch);
        SessionDriver.Run(session, Config, maxRounds: 1);

        var fenced = Assert.Throws<FencedException>(() => store.AppendJournal(runId, oldEpoch, session.LastRecord!, 1, null));
        Assert.Contains($"epoch {oldEpoch}", fenced.Message, StringComparison.Ordinal);
        Assert.Throws<FencedException>(() => store.SaveSnapshot(runId, oldEpoch, session.Export(), 1));
        store.AppendJournal(runId, newEpoch, session.LastRecord!, 1, null);
        Assert.Equal(3, store.FindRun(runId)!.Generations);
    }

    [Fact]
    public void AppendJournal_GenerationAlreadyJournaled_Rejected()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        var (_, epoch) = Train(store, runId, rounds: 2);
        var again = CheckpointCodecTests.SampleRecord(generation: 1);
        Assert.Contains("already", Assert.Throws<CheckpointException>(() => store.AppendJournal(runId, epoch, again, 0, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveSnapshot_SameGenerationTwice_FirstIsKept()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        var (session, epoch) = Train(store, runId, rounds: 4); // snapshot of generation 4 exists
        var before = store.Snapshots(runId)[0];
        Assert.Equal(0, store.SaveSnapshot(runId, epoch, session.Export(), wallSeconds: 999));
        Assert.Equal(before.Payload, store.Snapshots(runId)[0].Payload);
    }

    [Fact]
    public void Recover_FlippedBytesInNewestSnapshot_ReportedAndOlderUsed()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        Train(store, runId, rounds: 9); // snapshots at 4 and 8
        var newest = store.Snapshots(runId)[0];
        var flipped = (byte[])newest.Payload.Clone();
        flipped[flipped.Length / 2] ^= 0xFF;
        ExecuteRaw("UPDATE es_snapshots SET payload = @p WHERE run_id = @r AND generation = @g", ("@p", flipped), ("@r", runId), ("@g", newest.Generation));

        var warnings = new List<string>();
        var session = SessionDriver.NewSession(Config);
        Assert.Equal(4, RunRecovery.Recover(store, runId, session, warnings.Add).SnapshotGeneration);
        Assert.Contains(warnings, w => w.Contains("generation 8", StringComparison.Ordinal) && w.Contains("corrupt", StringComparison.Ordinal));
        Assert.Equal(9, session.Generation);
        Assert.Equal(UninterruptedTheta(), ResumeToTheEnd(store, runId));
    }

    [Fact]
    public void Recover_TruncatedSnapshot_ReportedAndOlderUsed()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        Train(store, runId, rounds: 9);
        var newest = store.Snapshots(runId)[0];
        var truncated = newest.Payload[..(newest.Payload.Length / 2)];
        // the checksum matches the truncated bytes, so only decoding can tell
        ExecuteRaw(
            "UPDATE es_snapshots SET payload = @p, checksum = @c WHERE run_id = @r AND generation = @g",
            ("@p", truncated), ("@c", CheckpointCodec.Checksum(truncated)), ("@r", runId), ("@g", newest.Generation));

        var warnings = new List<string>();
        Assert.Equal(UninterruptedTheta(), ResumeToTheEnd(store, runId, warnings));
        Assert.Contains(warnings, w => w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Recover_MissingJournalRowInTheMiddle_RefusedNamingTheGeneration()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        Train(store, runId, rounds: 7);
        ExecuteRaw("DELETE FROM es_journal WHERE run_id = @r AND generation = 5", ("@r", runId));

        var error = Assert.Throws<CheckpointException>(() => RunRecovery.Recover(store, runId, SessionDriver.NewSession(Config), _ => { }));
        Assert.Contains("missing generation 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recover_MissingJournalTail_ResumesEarlierToTheSameTheta()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        Train(store, runId, rounds: 7);
        ExecuteRaw("DELETE FROM es_journal WHERE run_id = @r AND generation >= 5", ("@r", runId));

        var session = SessionDriver.NewSession(Config);
        RunRecovery.Recover(store, runId, session, _ => { });
        Assert.Equal(5, session.Generation);
        Assert.Equal(UninterruptedTheta(), ResumeToTheEnd(store, runId));
    }

    [Fact]
    public void ListRuns_ShowsGenerationsAndStatus()
    {
        using var store = OpenStore();
        var runId = NewRunId();
        var (session, epoch) = Train(store, runId, rounds: 3);
        new CheckpointJournal(store, runId, epoch, 4, 0).OnFinished(session, "interrupted");
        var run = Assert.Single(store.ListRuns(), r => r.RunId == runId);
        Assert.Equal(3, run.Generations);
        Assert.Equal("interrupted", run.Status);
        Assert.Equal("CartPole-v1", run.Env);
    }
}
