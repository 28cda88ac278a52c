namespace Es.TestKit;

/// <summary>
/// The faults planned for one simulated evaluator (node, index). It outlives the
/// evaluator's incarnations: a restarted evaluator gets a fresh problem but the same plan.
/// </summary>
public sealed class EvaluatorFaults
{
    private readonly object _gate = new();
    private int _crashes;
    private bool _failAlways;
    private TaskCompletionSource? _stall;
    private int _skip;
    private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the evaluator has built its first problem (it is up).</summary>
    public Task Started => _started.Task;

    /// <summary>Completes when the evaluator has entered a stall planned with <see cref="StallNext"/>.</summary>
    public Task Stalled
    {
        get
        {
            lock (_gate)
            {
                return _stalled.Task;
            }
        }
    }

    /// <summary>The next episode this evaluator runs throws (once).</summary>
    public void CrashNext()
    {
        lock (_gate)
        {
            _crashes++;
        }
    }

    /// <summary>Every episode this evaluator runs throws, for ever: an evaluator that cannot get anything done.</summary>
    public void FailAlways()
    {
        lock (_gate)
        {
            _failAlways = true;
        }
    }

    /// <summary>
    /// The next episode blocks, ignoring every cancellation (like an environment stuck in
    /// native code), until <see cref="Release"/>.
    /// </summary>
    public void StallNext()
    {
        lock (_gate)
        {
            _stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _skip = 0;
        }
    }

    /// <summary>Ends a stall (the stalled episode then completes normally, late).</summary>
    public void Release()
    {
        TaskCompletionSource? stall;
        lock (_gate)
        {
            stall = _stall;
            _stall = null;
        }

        stall?.TrySetResult();
    }

    /// <summary>
    /// Ends the stall the evaluator is in and plans another: the episode after the next
    /// <paramref name="episodes"/> blocks (the same thread goes on, so the count is exact;
    /// e.g. the rest of a task's episodes, to stall the task after it).
    /// </summary>
    public void ReleaseAndStallAfter(int episodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodes);
        TaskCompletionSource? stall;
        lock (_gate)
        {
            stall = _stall;
            _stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _skip = episodes;
        }

        stall?.TrySetResult();
    }

    /// <summary>Called when an incarnation of the evaluator builds its problem.</summary>
    internal void OnStarted() => _started.TrySetResult();

    /// <summary>Called by the simulated problem before each episode.</summary>
    internal void BeforeEpisode()
    {
        TaskCompletionSource? stall;
        lock (_gate)
        {
            if (_failAlways || (_crashes > 0 && _crashes-- > 0))
            {
                throw new SimulatedFaultException("simulated evaluator crash");
            }

            stall = _stall;
            if (stall is not null && _skip > 0)
            {
                _skip--;
                stall = null;
            }
            else if (stall is not null)
            {
                _stalled.TrySetResult();
            }
        }

        // Bounded by real time so a broken test fails instead of hanging the suite.
        stall?.Task.Wait(TestTimeouts.Default);
    }
}
