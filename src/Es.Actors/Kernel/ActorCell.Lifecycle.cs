namespace Es.Actors.Kernel;

/// <summary>Creation, restart, stopping, children, watchers and timers.</summary>
internal sealed partial class ActorCell
{
    private readonly Dictionary<string, ActorCell> _children = new(StringComparer.Ordinal);
    private readonly HashSet<ActorCell> _watchers = [];
    private readonly HashSet<ActorRef> _watching = [];
    private readonly List<ScheduledTimer> _timers = [];
    private readonly object _childrenLock = new();
    private bool _terminating;
    private bool _terminated;

    public IReadOnlyCollection<ActorRef> Children
    {
        get
        {
            lock (_childrenLock)
            {
                return [.. _children.Values];
            }
        }
    }

    public ActorRef ActorOf(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var child = new ActorCell(System, this, name, props);
        lock (_childrenLock)
        {
            if (!_children.TryAdd(name, child))
            {
                throw new InvalidOperationException($"{Path} already has a child named '{name}'.");
            }
        }

        child.Start();
        return child;
    }

    public void Stop(ActorRef actor)
    {
        if (actor is ActorCell cell)
        {
            cell.RequestTerminate();
        }
    }

    public void Watch(ActorRef actor)
    {
        if (actor is ActorCell cell && _watching.Add(actor))
        {
            cell.SendSystem(new WatchActor(this));
        }
    }

    public void Unwatch(ActorRef actor)
    {
        if (actor is ActorCell cell && _watching.Remove(actor))
        {
            cell.SendSystem(new UnwatchActor(this));
        }
    }

    public IDisposable ScheduleOnce(TimeSpan delay, object message)
    {
        return Track(new ScheduledTimer(System.Clock, delay, () => Tell(message, this)));
    }

    /// <summary>Keeps a timer for cancellation at stop or restart, forgetting those already done.</summary>
    private ScheduledTimer Track(ScheduledTimer timer)
    {
        if (_timers.Count >= 32)
        {
            _timers.RemoveAll(t => t.IsDone);
        }

        _timers.Add(timer);
        return timer;
    }

    internal ActorCell[] ChildCells()
    {
        lock (_childrenLock)
        {
            return [.. _children.Values];
        }
    }

    private bool TryCreateInstance(Exception? restartReason)
    {
        try
        {
            _behavior = null;
            Interlocked.Increment(ref _incarnation);
            Volatile.Write(ref _handled, 0);
            RenewAbandonToken();
            var actor = _props.Factory();
            actor.Context = this;
            _actor = actor;
            if (restartReason is null)
            {
                actor.PreStart();
            }
            else
            {
                actor.PostRestart(restartReason);
            }

            _suspended = false;
            return true;
        }
        catch (Exception e)
        {
            Fail(e);
            return false;
        }
    }

    private void Restart(Exception reason)
    {
        CancelTimers();
        CancelAbandonToken();
        try
        {
            _actor?.PreRestart(reason);
        }
        catch (Exception e)
        {
            System.Log($"{Path}: PreRestart threw {e.GetType().Name}: {e.Message}");
        }

        TryCreateInstance(reason);
    }

    private void BeginTerminate()
    {
        if (_terminating)
        {
            return;
        }

        _terminating = true;
        CancelTimers();
        CancelAbandonToken();
        var children = ChildCells();
        foreach (var child in children)
        {
            child.RequestTerminate();
        }

        if (children.Length == 0)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.PostStop();
        }
        catch (Exception e)
        {
            System.Log($"{Path}: PostStop threw {e.GetType().Name}: {e.Message}");
        }

        foreach (var watcher in _watchers)
        {
            watcher.Tell(new Terminated(this), this);
        }

        foreach (var watched in _watching)
        {
            (watched as ActorCell)?.SendSystem(new UnwatchActor(this));
        }

        _watchers.Clear();
        _terminated = true;
        ParentCell?.SendSystem(new ChildTerminated(this));
    }

    private void CancelTimers()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }
}
