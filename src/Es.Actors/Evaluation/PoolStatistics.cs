namespace Es.Actors.Evaluation;

/// <summary>Counters an evaluator pool keeps for the run summary; safe to read from any thread.</summary>
public sealed class PoolStatistics
{
    private long _restarts;
    private long _stopped;

    /// <summary>Evaluator restarts ordered by the pool's supervisor strategy.</summary>
    public long EvaluatorRestarts => Interlocked.Read(ref _restarts);

    /// <summary>Evaluators stopped for good (restart budget spent).</summary>
    public long EvaluatorsStopped => Interlocked.Read(ref _stopped);

    internal void CountRestart() => Interlocked.Increment(ref _restarts);

    internal void CountStopped() => Interlocked.Increment(ref _stopped);
}
