namespace Es.Actors.Hosting;

/// <summary>
/// A run failed (its coordinator or its evaluator pool failed, or its store did), with how
/// far it had got: what <c>summary.json</c> reports for a failed run. <see cref="Reached"/> is
/// the coordinator's state when it stopped: every generation it had updated θ for (the last
/// may not be durable yet; a resume scores that one again and reaches the same θ).
/// </summary>
public sealed class TrainingFailedException : Exception
{
    /// <summary>A failure with how far the run had got.</summary>
    public TrainingFailedException(string message, Exception innerException, TrainingResult reached)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(reached);
        Reached = reached;
    }

    /// <summary>A failure (no state to report).</summary>
    public TrainingFailedException()
    {
    }

    /// <summary>A failure (no state to report).</summary>
    public TrainingFailedException(string message)
        : base(message)
    {
    }

    /// <summary>A failure (no state to report).</summary>
    public TrainingFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The run's state when it failed; null when none could be read.</summary>
    public TrainingResult? Reached { get; }
}
