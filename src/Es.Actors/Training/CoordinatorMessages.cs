namespace Es.Actors.Training;

/// <summary>Finish after the round in progress (Ctrl+C).</summary>
public sealed record StopTraining;

/// <summary>The coordinator starts the next round (sent to itself).</summary>
internal sealed record BeginRound;

/// <summary>
/// Asks the coordinator for its session's state at the start of the round in progress (or
/// between rounds), for a node that joins: answered with <see cref="ExportedSnapshot"/>.
/// Exported only when asked, never every generation.
/// </summary>
public sealed record ExportSnapshot;

/// <summary>The answer to <see cref="ExportSnapshot"/>.</summary>
/// <param name="Snapshot">The state: θ, optimizer and observation statistics change only when a round completes.</param>
public sealed record ExportedSnapshot(SessionSnapshot Snapshot);
