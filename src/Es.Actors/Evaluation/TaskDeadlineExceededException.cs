namespace Es.Actors.Evaluation;

/// <summary>An evaluator held a task past its deadline and is treated as failed (hung).</summary>
public sealed class TaskDeadlineExceededException : Exception
{
    /// <inheritdoc cref="Exception()"/>
    public TaskDeadlineExceededException()
    {
    }

    /// <inheritdoc cref="Exception(string)"/>
    public TaskDeadlineExceededException(string message)
        : base(message)
    {
    }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public TaskDeadlineExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
