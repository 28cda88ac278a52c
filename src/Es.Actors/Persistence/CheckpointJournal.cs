using System.Diagnostics;
using Es.Actors.Training;

namespace Es.Actors.Persistence;

/// <summary>
/// Makes a run durable in a <see cref="CheckpointStore"/>: a journal row per generation,
/// a snapshot every <c>snapshotEvery</c> generations and at the end, all fenced by the
/// coordinator's epoch. Keeps the cost of doing so for the run's report.
/// </summary>
public sealed class CheckpointJournal : IRunJournal
{
    private readonly CheckpointStore _store;
    private readonly string _runId;
    private readonly long _epoch;
    private readonly int _snapshotEvery;
    private readonly double _wallSecondsBefore;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    /// <summary>Creates a journal for one coordinator's tenure of a run.</summary>
    /// <param name="store">The store.</param>
    /// <param name="runId">The run.</param>
    /// <param name="epoch">This coordinator's epoch (from <see cref="CheckpointStore.AcquireEpoch"/>).</param>
    /// <param name="snapshotEvery">Snapshot period in generations.</param>
    /// <param name="wallSecondsBefore">Wall-clock seconds the run had already spent before this tenure.</param>
    public CheckpointJournal(CheckpointStore store, string runId, long epoch, int snapshotEvery, double wallSecondsBefore)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _store = store;
        _runId = runId;
        _epoch = epoch;
        _snapshotEvery = snapshotEvery;
        _wallSecondsBefore = wallSecondsBefore;
    }

    /// <summary>What checkpointing cost so far.</summary>
    public CheckpointCost Cost { get; private set; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The run's wall-clock seconds, this tenure included.</summary>
    public double WallSeconds => _wallSecondsBefore + _wall.Elapsed.TotalSeconds;

    /// <inheritdoc/>
    public void OnRoundCompleted(TrainingSession session, GenerationReport report)
    {
        ArgumentNullException.ThrowIfNull(session);
        var record = session.LastRecord;
        if (record is null || !record.HasPopulation)
        {
            return; // the final evaluation-only round changes nothing a replay needs; the final snapshot keeps it
        }

        var started = Stopwatch.GetTimestamp();
        long bytes = _store.AppendJournal(_runId, _epoch, record, WallSeconds, double.IsNaN(session.BestEvalReturn) ? null : session.BestEvalReturn);
        var journalTicks = Stopwatch.GetElapsedTime(started);
        Cost = Cost with { JournalRows = Cost.JournalRows + 1, JournalBytes = Cost.JournalBytes + bytes, JournalSeconds = Cost.JournalSeconds + journalTicks.TotalSeconds };
        if (!session.IsFinished && session.Generation % _snapshotEvery == 0)
        {
            Snapshot(session);
        }
    }

    /// <inheritdoc/>
    public void OnFinished(TrainingSession session, string status)
    {
        ArgumentNullException.ThrowIfNull(session);
        Snapshot(session);
        _store.SetStatus(_runId, _epoch, status);
    }

    /// <summary>Marks the run failed in the store (best effort: the store itself may be what failed).</summary>
    public void OnFailed()
    {
        try
        {
            _store.SetStatus(_runId, _epoch, "failed");
        }
        catch (Exception e) when (e is CheckpointException or System.Data.Common.DbException or InvalidOperationException)
        {
            // the run stays "running" in the store; `runs` reports it crashed once the process is gone
        }
    }

    private void Snapshot(TrainingSession session)
    {
        var started = Stopwatch.GetTimestamp();
        int bytes = _store.SaveSnapshot(_runId, _epoch, session.Export(), WallSeconds);
        if (bytes > 0)
        {
            Cost = Cost with { Snapshots = Cost.Snapshots + 1, SnapshotBytes = Cost.SnapshotBytes + bytes, SnapshotSeconds = Cost.SnapshotSeconds + Stopwatch.GetElapsedTime(started).TotalSeconds };
        }
    }
}

/// <summary>Totals of what checkpointing cost.</summary>
/// <param name="JournalRows">Journal rows written.</param>
/// <param name="JournalBytes">Their payload bytes.</param>
/// <param name="JournalSeconds">Time spent writing them.</param>
/// <param name="Snapshots">Snapshots written.</param>
/// <param name="SnapshotBytes">Their payload bytes.</param>
/// <param name="SnapshotSeconds">Time spent writing them.</param>
public sealed record CheckpointCost(long JournalRows, long JournalBytes, double JournalSeconds, long Snapshots, long SnapshotBytes, double SnapshotSeconds);
