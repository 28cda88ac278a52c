namespace Es.Seed.Progress;

/// <summary>Shows training progress: a live table on a terminal, plain lines when redirected.</summary>
public interface IProgressDisplay
{
    /// <summary>Shows a round's progress.</summary>
    void Show(ProgressSnapshot snapshot);

    /// <summary>A one-off message (start-up, warnings).</summary>
    void Message(string text);
}
