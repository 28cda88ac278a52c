namespace Es.Actors.Training;

/// <summary>
/// Where the coordinator makes each completed round durable before it starts the next
/// (and before anyone is told about it). Called on the coordinator's mailbox.
/// </summary>
public interface IRunJournal
{
    /// <summary>A round completed: journal it (and snapshot when due).</summary>
    void OnRoundCompleted(TrainingSession session, GenerationReport report);

    /// <summary>The run ended with <paramref name="status"/> (finished, solved, interrupted).</summary>
    void OnFinished(TrainingSession session, string status);
}

/// <summary>A journal that keeps nothing: runs whose durability does not matter (tests, benchmarks).</summary>
public sealed class NullRunJournal : IRunJournal
{
    /// <summary>The shared instance.</summary>
    public static NullRunJournal Instance { get; } = new();

    /// <inheritdoc/>
    public void OnRoundCompleted(TrainingSession session, GenerationReport report)
    {
    }

    /// <inheritdoc/>
    public void OnFinished(TrainingSession session, string status)
    {
    }
}
