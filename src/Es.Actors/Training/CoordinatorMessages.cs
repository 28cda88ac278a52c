namespace Es.Actors.Training;

/// <summary>Finish after the round in progress (Ctrl+C).</summary>
public sealed record StopTraining;

/// <summary>The coordinator starts the next round (sent to itself).</summary>
internal sealed record BeginRound;
