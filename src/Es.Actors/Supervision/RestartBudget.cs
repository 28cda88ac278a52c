namespace Es.Actors.Supervision;

/// <summary>
/// One evaluator's restart budget. Akka's own budget (<c>maxNrOfRetries</c> within a time
/// range) counts every restart; this one counts only restarts without progress in between,
/// like the auto-reset of Akka's backoff supervisor: occasional failures of a working
/// evaluator (a flaky machine, chaos) are never fatal however many there are over a long
/// run, while one that cannot get anything done is still stopped.
/// </summary>
internal sealed class RestartBudget(RestartPolicy policy)
{
    private readonly List<DateTimeOffset> _restarts = [];

    /// <summary>Consecutive restarts so far (within the window), for the backoff.</summary>
    public int Consecutive => _restarts.Count;

    /// <summary>Records a restart at <paramref name="now"/>; false when the budget is spent (stop instead).</summary>
    public bool TryRecordRestart(DateTimeOffset now)
    {
        if (policy.Window > TimeSpan.Zero)
        {
            _restarts.RemoveAll(t => now - t > policy.Window);
        }

        if (policy.MaxRestarts >= 0 && _restarts.Count >= policy.MaxRestarts)
        {
            return false;
        }

        _restarts.Add(now);
        return true;
    }

    /// <summary>The evaluator completed a task: a fresh budget.</summary>
    public void Progressed() => _restarts.Clear();
}
