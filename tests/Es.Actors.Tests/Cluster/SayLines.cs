namespace Es.Actors.Tests.Cluster;

/// <summary>The progress lines a cluster member says, in order; a test awaits the first that matches.</summary>
internal sealed class SayLines(string speaker, Action<string> transcript)
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<string> Seen)> _waiters = [];

    /// <summary>Records a line (the member's <c>say</c>).</summary>
    public void Add(string line)
    {
        transcript($"[{speaker}] {line}");
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Matches(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(line);
            }
        }
    }

    /// <summary>The first line, said already or to come, that matches.</summary>
    public Task<string> First(Func<string, bool> matches)
    {
        lock (_gate)
        {
            var said = _lines.FirstOrDefault(matches);
            if (said is not null)
            {
                return Task.FromResult(said);
            }

            var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((matches, seen));
            return seen.Task;
        }
    }
}
