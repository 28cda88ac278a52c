namespace Es.Actors.Kernel;

/// <summary>System-message handling: supervision directives, termination and death watch.</summary>
internal sealed partial class ActorCell
{
    private readonly Dictionary<ActorCell, List<DateTimeOffset>> _restartHistory = [];
    private readonly Dictionary<ActorCell, int> _consecutiveFailures = [];
    private readonly Dictionary<ActorCell, int> _replacedIncarnation = [];

    private void HandleSystem(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                Supervise(failed);
                break;
            case ResumeChild:
                RenewAbandonToken();
                _suspended = false;
                break;
            case RestartChild restart when !_terminating:
                Restart(restart.Reason);
                break;
            case TerminateActor:
                BeginTerminate();
                break;
            case ChildTerminated terminated:
                RemoveChild(terminated.Child);
                break;
            case WatchActor watch:
                if (_terminating)
                {
                    watch.Watcher.Tell(new Terminated(this), this);
                }
                else
                {
                    _watchers.Add(watch.Watcher);
                }

                break;
            case UnwatchActor unwatch:
                _watchers.Remove(unwatch.Watcher);
                break;
        }
    }

    private void Supervise(Failed failed)
    {
        var child = failed.Child;
        bool known;
        lock (_childrenLock)
        {
            known = _children.TryGetValue(child.Name, out var current) && ReferenceEquals(current, child);
        }

        // A report from a child that has since stopped, or from an incarnation already replaced, is stale.
        // A report of an incarnation already being replaced (failed from outside by FailChild,
        // or restarted with its siblings by AllForOne) is stale too.
        if (!known || failed.Incarnation != child.Incarnation || _terminating || _actor is null
            || (_replacedIncarnation.TryGetValue(child, out var replaced) && failed.Incarnation <= replaced))
        {
            return;
        }

        var strategy = _actor.SupervisorStrategy;
        var directive = Decide(strategy, failed.Reason);
        int attempt = 0;
        if (directive == Directive.Restart)
        {
            var history = HistoryOf(child);
            if (strategy.BudgetResetsOnProgress && failed.Handled > 0)
            {
                history.Clear();
            }

            if (strategy.TryRecordRestart(history, System.Clock.GetUtcNow()))
            {
                // Backoff grows with consecutive failures only: an instance that handled a
                // message before failing starts again from the shortest delay (Akka's auto-reset).
                attempt = failed.Handled > 0 ? 1 : _consecutiveFailures.GetValueOrDefault(child) + 1;
                _consecutiveFailures[child] = attempt;
            }
            else
            {
                System.Log($"{child.Path}: restart budget of {strategy.MaxRestarts} spent; {strategy.WhenBudgetExhausted}");
                directive = strategy.WhenBudgetExhausted;
            }
        }

        try
        {
            _actor.OnChildFailed(child, failed.Reason, directive);
        }
        catch (Exception e)
        {
            Fail(e);
            return;
        }

        var targets = strategy.AppliesToAllChildren ? ChildCells() : [child];
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystem(new ResumeChild());
                break;
            case Directive.Restart:
                foreach (var target in targets)
                {
                    // Given up on at once (a hung sibling is released), replaced after the backoff.
                    _replacedIncarnation[target] = target.MarkAbandoned();
                    ScheduleRestart(target, failed.Reason, strategy.Backoff, attempt);
                    target.CancelAbandonToken();
                }

                break;
            case Directive.Stop:
                foreach (var target in targets)
                {
                    target.RequestTerminate();
                }

                break;
            case Directive.Escalate:
                Fail(new EscalatedException(child.Path, failed.Reason));
                break;
        }
    }

    private Directive Decide(SupervisorStrategy strategy, Exception reason)
    {
        try
        {
            return strategy.Decide(reason);
        }
        catch (Exception e)
        {
            System.Log($"{Path}: supervisor decider threw {e.GetType().Name}; escalating");
            return Directive.Escalate;
        }
    }

    private void ScheduleRestart(ActorCell target, Exception reason, RestartBackoff? backoff, int attempt)
    {
        var delay = backoff is null || attempt < 1 ? TimeSpan.Zero : backoff.Delay(attempt, Es.Core.Randomness.SeedMixer.HashString(target.Path));
        if (delay <= TimeSpan.Zero)
        {
            target.SendSystem(new RestartChild(reason));
            return;
        }

        Track(new ScheduledTimer(System.Clock, delay, () => target.SendSystem(new RestartChild(reason))));
    }

    private List<DateTimeOffset> HistoryOf(ActorCell child)
    {
        if (!_restartHistory.TryGetValue(child, out var history))
        {
            history = [];
            _restartHistory[child] = history;
        }

        return history;
    }

    private void RemoveChild(ActorCell child)
    {
        lock (_childrenLock)
        {
            if (_children.TryGetValue(child.Name, out var current) && ReferenceEquals(current, child))
            {
                _children.Remove(child.Name);
            }
        }

        _restartHistory.Remove(child);
        _consecutiveFailures.Remove(child);
        _replacedIncarnation.Remove(child);
        if (_terminating && ChildCells().Length == 0)
        {
            FinishTerminate();
        }
    }
}
