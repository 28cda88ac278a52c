using Es.Actors.Training;

namespace Es.Actors.Persistence;

/// <summary>
/// An event of a run's journal (persistence id = run id). Every completed generation is one
/// <see cref="GenerationJournaled"/>; the others say who coordinated and how the run ended,
/// which is what <c>es-seed runs</c> lists.
/// </summary>
public abstract record RunEvent;

/// <summary>The run's first event: what it trains, with the configuration it started with.</summary>
/// <param name="Env">Environment or function name.</param>
/// <param name="ConfigJson">The resolved configuration.</param>
public sealed record RunStarted(string Env, string ConfigJson) : RunEvent;

/// <summary>A coordinator took the run (a start, a resume, a standby taking over); their count is the coordinator epoch.</summary>
/// <param name="Host">The coordinator's host.</param>
/// <param name="Pid">Its process id.</param>
public sealed record TenureStarted(string Host, int Pid) : RunEvent;

/// <summary>A completed generation: replaying these in order rebuilds θ bit for bit.</summary>
/// <param name="Record">What the round contributed.</param>
/// <param name="WallSeconds">The run's wall-clock seconds when it was made durable.</param>
public sealed record GenerationJournaled(GenerationRecord Record, double WallSeconds) : RunEvent
{
    private byte[]? _encoded;

    /// <summary>The stored form, encoded once: the coordinator reads its size, the journal writes it.</summary>
    internal byte[] Encoded => _encoded ??= CheckpointCodec.EncodeRecord(Record, WallSeconds);
}

/// <summary>The run ended: finished, solved, interrupted or failed.</summary>
/// <param name="Status">How.</param>
public sealed record RunEnded(string Status) : RunEvent;

/// <summary>A snapshot of the whole session, with the run's wall-clock seconds and its tenures so far.</summary>
/// <param name="Session">θ, optimizer moments, observation statistics, counters.</param>
/// <param name="WallSeconds">The run's wall-clock seconds when it was taken.</param>
/// <param name="Tenures">Coordinators that had taken the run (the events that say so are not replayed after a snapshot).</param>
public sealed record CheckpointSnapshot(SessionSnapshot Session, double WallSeconds, long Tenures)
{
    private byte[]? _sealed;

    /// <summary>The stored form with its checksum, encoded once: θ may be millions of floats.</summary>
    internal byte[] Sealed => _sealed ??= CheckpointSerializer.Seal(CheckpointCodec.EncodeSnapshot(Session, WallSeconds), Tenures);
}

/// <summary>What a snapshot whose checksum or contents do not check out reads as: recovery passes over it to an older one.</summary>
/// <param name="Reason">What is wrong with it.</param>
public sealed record CorruptSnapshot(string Reason);
