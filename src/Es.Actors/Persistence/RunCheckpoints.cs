using System.Diagnostics;

namespace Es.Actors.Persistence;

/// <summary>
/// What a coordinator's checkpoints say and cost, for its host: where recovery started, the
/// run's wall clock (continued across resumes), the coordinator epoch and the cost of the
/// journal and snapshots. Written on the coordinator's thread; read by the host's observer
/// (called on that thread) and after the run.
/// </summary>
public sealed class RunCheckpoints
{
    private readonly Stopwatch _tenure = new();
    private double _wallBefore;

    /// <summary>What recovery did (nothing, for a new run).</summary>
    public RecoveryResult Recovery { get; private set; } = new(0, [], 0);

    /// <summary>Coordinators that have taken the run, this one included (1 for a new run).</summary>
    public long Epoch { get; private set; }

    /// <summary>What checkpointing cost so far.</summary>
    public CheckpointCost Cost { get; internal set; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The run's wall-clock seconds, this tenure included.</summary>
    public double WallSeconds => _wallBefore + _tenure.Elapsed.TotalSeconds;

    /// <summary>The run has ended: its clock stops, so shutting the actor system down is not counted.</summary>
    internal void Ended() => _tenure.Stop();

    /// <summary>Recovery is over: the run's clock continues from <paramref name="recovery"/>'s.</summary>
    internal void Recovered(RecoveryResult recovery, long epoch)
    {
        Recovery = recovery;
        Epoch = epoch;
        _wallBefore = recovery.WallSeconds;
        _tenure.Restart();
    }
}

/// <summary>What recovery did.</summary>
/// <param name="SnapshotGeneration">The generation of the snapshot used (0 = none: replayed from θ₀).</param>
/// <param name="Replayed">The rounds replayed from the journal, with the run's wall-clock seconds at each.</param>
/// <param name="WallSeconds">The run's wall-clock seconds at the recovered point.</param>
public sealed record RecoveryResult(int SnapshotGeneration, IReadOnlyList<ReplayedRound> Replayed, double WallSeconds);

/// <summary>One replayed round.</summary>
/// <param name="Report">Its report (a metrics row).</param>
/// <param name="WallSeconds">The run's wall-clock seconds when it was journaled.</param>
public sealed record ReplayedRound(Training.GenerationReport Report, double WallSeconds);

/// <summary>Totals of what checkpointing cost.</summary>
/// <param name="JournalRows">Journal events written.</param>
/// <param name="JournalBytes">Their payload bytes.</param>
/// <param name="JournalSeconds">Time from each persist to its confirmation.</param>
/// <param name="Snapshots">Snapshots written.</param>
/// <param name="SnapshotBytes">Their payload bytes.</param>
/// <param name="SnapshotSeconds">Time from each save to its confirmation.</param>
public sealed record CheckpointCost(long JournalRows, long JournalBytes, double JournalSeconds, long Snapshots, long SnapshotBytes, double SnapshotSeconds);
