namespace Es.Actors.Tests.Cluster;

/// <summary>A count that goes up and down; a test awaits the moment it reaches a number.</summary>
internal sealed class CountWatch
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _count;

    /// <summary>Completes once the count is at least <paramref name="count"/>.</summary>
    public Task AtLeast(int count)
    {
        lock (_gate)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Counts one more.</summary>
    public void Up()
    {
        lock (_gate)
        {
            _count++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    /// <summary>Counts one less.</summary>
    public void Down()
    {
        lock (_gate)
        {
            _count--;
        }
    }
}
