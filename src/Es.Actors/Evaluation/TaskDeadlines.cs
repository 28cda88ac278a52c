namespace Es.Actors.Evaluation;

/// <summary>
/// How long an evaluator may hold a task before it counts as hung. A fixed deadline when
/// configured; otherwise max(<see cref="Floor"/>, <see cref="Factor"/> × the slowest task
/// completed so far), and <see cref="Initial"/> until one has completed. Each further attempt
/// at the same task gets twice as long, so a task that is merely slow is not given up on.
/// Deadlines change when work is retried, never what a candidate scores.
/// </summary>
public sealed class TaskDeadlines
{
    /// <summary>The shortest derived deadline.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(1);

    /// <summary>The derived deadline before any task has completed.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(60);

    /// <summary>Derived deadline = this many times the slowest task so far.</summary>
    public const int Factor = 10;

    private readonly TimeSpan _fixed;
    private TimeSpan? _slowest;

    /// <summary>Creates the deadlines of a pool.</summary>
    /// <param name="fixedDeadline">A configured deadline, or zero to derive it from observed task times.</param>
    public TaskDeadlines(TimeSpan fixedDeadline)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fixedDeadline, TimeSpan.Zero);
        _fixed = fixedDeadline;
    }

    /// <summary>The deadline of a first attempt.</summary>
    public TimeSpan Base =>
        _fixed > TimeSpan.Zero ? _fixed
        : _slowest is TimeSpan slowest ? TimeSpan.FromTicks(Math.Max(Floor.Ticks, slowest.Ticks * Factor))
        : Initial;

    /// <summary>The deadline of attempt <paramref name="attempt"/> (from 1): doubled per further attempt.</summary>
    public TimeSpan For(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return Base * Math.Pow(2, Math.Min(attempt - 1, 10));
    }

    /// <summary>Records a completed task's time; true when <see cref="Base"/> became shorter (deadlines armed earlier should be moved up).</summary>
    public bool Observe(TimeSpan took)
    {
        var before = Base;
        if (_slowest is not TimeSpan slowest || took > slowest)
        {
            _slowest = took;
        }

        return Base < before;
    }
}
