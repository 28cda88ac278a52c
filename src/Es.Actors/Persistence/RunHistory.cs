using Akka.Persistence;
using Es.Actors.Training;

namespace Es.Actors.Persistence;

/// <summary>
/// What a run's journal says, built up one recovery message at a time: who started it and
/// with what, its tenures, how far it got, how it ended and, when a session is given, that
/// session brought to the recovered generation. Used by the coordinator's own recovery and
/// by the read-only <see cref="RunReader"/>, so both read the journal the same way.
/// </summary>
public sealed class RunHistory
{
    private readonly string _runId;
    private readonly TrainingSession? _session;
    private readonly List<ReplayedRound> _replayed = [];
    private readonly List<long> _snapshots = [];

    /// <summary>Reads the journal of <paramref name="runId"/>, replaying it into <paramref name="session"/> when one is given.</summary>
    public RunHistory(string runId, TrainingSession? session)
    {
        _runId = runId;
        _session = session;
    }

    /// <summary>Environment name from the run's first event (null when it has none: not a run).</summary>
    public string? Env { get; private set; }

    /// <summary>The configuration the run started with.</summary>
    public string? ConfigJson { get; private set; }

    /// <summary>Coordinators that took the run.</summary>
    public long Tenures { get; private set; }

    /// <summary>The host and process of the latest of them.</summary>
    public TenureStarted? LastTenure { get; private set; }

    /// <summary>finished, solved, interrupted or failed as the run last ended, or running (see <see cref="EffectiveStatus"/>).</summary>
    public string Status { get; private set; } = "running";

    /// <summary>Generations journaled (events seen; with a snapshot, those after it only).</summary>
    public int Generations { get; private set; }

    /// <summary>The best mean evaluation return journaled.</summary>
    public double? BestEvalReturn { get; private set; }

    /// <summary>Sequence numbers of the snapshots recovery was offered.</summary>
    public IReadOnlyList<long> Snapshots => _snapshots;

    /// <summary>The run's wall-clock seconds at the recovered point.</summary>
    public double WallSeconds { get; private set; }

    private int SnapshotGeneration { get; set; }

    /// <summary>Applies one message of Akka's recovery (snapshot offer or journal event); others are ignored.</summary>
    /// <exception cref="CheckpointException">A corrupt snapshot, a generation missing in the journal, or an event that cannot be replayed.</exception>
    public void Apply(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: CheckpointSnapshot snapshot } offer:
                _session?.Restore(snapshot.Session);
                SnapshotGeneration = snapshot.Session.Generation;
                Generations = snapshot.Session.Generation;
                WallSeconds = snapshot.WallSeconds;
                Tenures = snapshot.Tenures;
                _snapshots.Add(offer.Metadata.SequenceNr);
                break;
            case SnapshotOffer { Snapshot: CorruptSnapshot corrupt } offer:
                throw new CheckpointException($"the snapshot at sequence number {offer.Metadata.SequenceNr} of run {_runId} is corrupt ({corrupt.Reason})");
            case RunStarted started:
                Env = started.Env;
                ConfigJson = started.ConfigJson;
                break;
            case TenureStarted tenure:
                Tenures++;
                LastTenure = tenure;
                Status = "running";
                break;
            case GenerationJournaled journaled:
                Replay(journaled);
                break;
            case RunEnded ended:
                Status = ended.Status;
                break;
        }
    }

    /// <summary>What recovery did.</summary>
    public RecoveryResult Result() => new(SnapshotGeneration, [.. _replayed], WallSeconds);

    /// <summary>
    /// The status to show: a run marked running whose coordinator process on this host is gone
    /// is reported as crashed.
    /// </summary>
    public string EffectiveStatus()
    {
        if (Status != "running" || LastTenure is not { } tenure || tenure.Host != Environment.MachineName)
        {
            return Status;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(tenure.Pid);
            return process.HasExited ? "crashed" : "running";
        }
        catch (ArgumentException)
        {
            return "crashed";
        }
    }

    private void Replay(GenerationJournaled journaled)
    {
        var record = journaled.Record;
        int expected = _session?.Generation ?? Generations;
        if (record.Generation < expected)
        {
            return; // covered by the snapshot recovery started from
        }

        if (record.Generation != expected)
        {
            throw new CheckpointException(
                $"the journal of run {_runId} is missing generation {expected} (the next event is generation {record.Generation}); " +
                "resuming would rewrite persisted history, so it is refused");
        }

        if (_session is not null)
        {
            try
            {
                _replayed.Add(new ReplayedRound(_session.Replay(record), journaled.WallSeconds));
            }
            catch (InvalidDataException e)
            {
                throw new CheckpointException($"the journal event of generation {record.Generation} of run {_runId} cannot be replayed: {e.Message}", e);
            }
        }

        Generations = record.Generation + 1;
        WallSeconds = journaled.WallSeconds;
        if (record.EvalReturns.Length > 0)
        {
            double mean = record.EvalReturns.Average();
            BestEvalReturn = BestEvalReturn is double best ? Math.Max(best, mean) : mean;
        }
    }
}
