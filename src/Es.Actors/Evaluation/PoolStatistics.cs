namespace Es.Actors.Evaluation;

/// <summary>Counters an evaluator pool keeps for the run summary; safe to read from any thread, shared by several pools.</summary>
public sealed class PoolStatistics
{
    private long _restarts;
    private long _stopped;
    private long _deadlines;

    /// <summary>Evaluator restarts ordered by the pool's supervisor strategy.</summary>
    public long EvaluatorRestarts => Interlocked.Read(ref _restarts);

    /// <summary>Evaluators stopped for good (restart budget spent).</summary>
    public long EvaluatorsStopped => Interlocked.Read(ref _stopped);

    /// <summary>Tasks whose evaluator did not answer before the deadline (hung).</summary>
    public long DeadlinesExpired => Interlocked.Read(ref _deadlines);

    internal void CountRestart() => Interlocked.Increment(ref _restarts);

    internal void CountStopped() => Interlocked.Increment(ref _stopped);

    internal void CountDeadlineExpired() => Interlocked.Increment(ref _deadlines);
}
