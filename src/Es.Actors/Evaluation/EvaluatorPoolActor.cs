using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Es.Actors.Fabric;
using Es.Actors.Kernel;
using Es.Core.Rollouts;

namespace Es.Actors.Evaluation;

/// <summary>
/// Supervises a node's evaluators and feeds them from the fabric. Work is pulled: a
/// pump takes a task from the fabric only when an evaluator is free, so a slow node
/// never hoards tasks. When an evaluator fails (throws, or holds a task past its deadline),
/// the task it held goes back to the fabric to be scored again (by any evaluator, on any
/// node); after <see cref="PoolSettings.MaxAttempts"/> attempts its candidates are reported
/// failed instead. When the pool stops, every task it holds goes back.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Disposed in PostStop: an actor's life ends there, not in Dispose.")]
public sealed partial class EvaluatorPoolActor : Actor
{
    private readonly IWorkerFabric _fabric;
    private readonly int _evaluatorCount;
    private readonly Func<ActorRef, int, Props> _evaluatorProps;
    private readonly SupervisorStrategy _strategy;
    private readonly PoolStatistics _statistics;
    private readonly PoolSettings _settings;
    private readonly Queue<ActorRef> _idle = new();
    private readonly Queue<TaskLease> _backlog = new();
    private readonly Dictionary<ActorRef, InFlight> _inFlight = [];
    private readonly HashSet<ActorRef> _alive = [];
    private readonly HashSet<ActorRef> _starting = [];
    private readonly Channel<bool> _credits = Channel.CreateUnbounded<bool>();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextDispatch;

    private EvaluatorPoolActor(IWorkerFabric fabric, int evaluatorCount, Func<ActorRef, int, Props> evaluatorProps, SupervisorStrategy strategy, PoolStatistics statistics, PoolSettings settings)
    {
        _fabric = fabric;
        _evaluatorCount = evaluatorCount;
        _evaluatorProps = evaluatorProps;
        _strategy = strategy;
        _statistics = statistics;
        _settings = settings;
        _deadlines = new TaskDeadlines(settings.TaskDeadline);
    }

    /// <summary>Props for a pool.</summary>
    /// <param name="fabric">Where tasks come from and results go.</param>
    /// <param name="evaluatorCount">Number of evaluators (usually one per core).</param>
    /// <param name="evaluatorProps">Props of evaluator number i (given the pool's address); an evaluator tells its parent <see cref="EvaluatorReady"/> from PreStart.</param>
    /// <param name="strategy">How failing evaluators are treated.</param>
    /// <param name="statistics">Counters for the run summary.</param>
    /// <param name="settings">Attempts and deadlines (default: 3 attempts, derived deadlines).</param>
    public static Props Props(IWorkerFabric fabric, int evaluatorCount, Func<ActorRef, int, Props> evaluatorProps, SupervisorStrategy strategy, PoolStatistics statistics, PoolSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluatorCount, 1);
        ArgumentNullException.ThrowIfNull(evaluatorProps);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(statistics);
        settings ??= new PoolSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxAttempts, 1);
        return Kernel.Props.Create(() => new EvaluatorPoolActor(fabric, evaluatorCount, evaluatorProps, strategy, statistics, settings));
    }

    /// <inheritdoc/>
    protected internal override SupervisorStrategy SupervisorStrategy => _strategy;

    /// <inheritdoc/>
    protected internal override void PreStart()
    {
        // Evaluators hold a pool thread for a whole task; make sure the coordinator and
        // the mailboxes still get threads at once instead of waiting for thread injection.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, _evaluatorCount + Environment.ProcessorCount + 4), io);
        for (int i = 0; i < _evaluatorCount; i++)
        {
            var evaluator = Context.ActorOf(_evaluatorProps(Self, i), $"evaluator-{i}");
            Context.Watch(evaluator);
            _alive.Add(evaluator);
            _starting.Add(evaluator); // idle once it says it is ready
        }

        _ = PumpAsync(Self, _stopping.Token);
    }

    /// <inheritdoc/>
    protected internal override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        ReleaseOwnedLeases();
    }

    /// <inheritdoc/>
    protected internal override void Receive(object message)
    {
        switch (message)
        {
            case TaskLease lease:
                Dispatch(lease);
                break;
            case EvaluatorReady when Sender is not null && _starting.Remove(Sender):
                BecomeIdle(Sender);
                break;
            case EvaluatorReady:
                break; // restarted with its siblings (AllForOne) while busy or idle: its state here is unchanged
            case Evaluated evaluated when Sender is not null && _inFlight.TryGetValue(Sender, out var held) && held.Dispatch == evaluated.Dispatch:
                Completed(Sender, held, evaluated.Result);
                break;
            case Evaluated evaluated:
                // A late answer from an instance given up on (deadline), or a duplicate: its task was already requeued.
                Context.System.Log($"{Sender?.Path}: ignored a stale answer to {evaluated.Result.Task} (dispatch {evaluated.Dispatch})");
                break;
            case DeadlineCheck check:
                CheckDeadline(check);
                break;
            case PumpFailed failed:
                throw new InvalidOperationException($"{Self.Path} cannot take tasks from the fabric: {failed.Reason.Message}", failed.Reason);
            case Terminated terminated:
                Forget(terminated.Actor);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc/>
    protected internal override void OnChildFailed(ActorRef child, Exception reason, Directive directive)
    {
        Context.System.Log($"{child.Path} failed ({reason.GetType().Name}: {reason.Message}); {directive}");
        bool held = _inFlight.Remove(child, out var inFlight);
        if (held)
        {
            inFlight!.Timer.Dispose();
            SettleFailed(inFlight.Lease, reason);
        }

        switch (directive)
        {
            case Directive.Restart when SupervisorStrategy.AppliesToAllChildren:
                // AllForOne: every sibling is replaced too, and the work it held is lost with it.
                _statistics.CountRestart(_alive.Count);
                foreach (var (sibling, work) in _inFlight.ToArray())
                {
                    _inFlight.Remove(sibling);
                    work.Timer.Dispose();
                    Release(work.Lease); // the sibling did not fail: no attempt is counted against its task
                    _starting.Add(sibling);
                }

                if (held)
                {
                    _starting.Add(child);
                }

                break;
            case Directive.Restart:
                _statistics.CountRestart();
                if (held)
                {
                    _starting.Add(child); // new work waits until the fresh instance says it is ready
                }

                break;
            case Directive.Resume:
                if (held)
                {
                    BecomeIdle(child);
                }

                break;
            case Directive.Escalate:
                break; // this pool fails in turn; its own supervisor decides, and what it holds goes back when it stops
            default:
                Forget(child);
                break;
        }
    }

    private void Dispatch(TaskLease lease)
    {
        if (!_fabric.TryGetGeneration(lease.Task.Generation, out var view))
        {
            Settle(lease, ack: true); // a task of a generation that is over: nothing to score
            _credits.Writer.TryWrite(true);
            return;
        }

        if (_idle.Count == 0)
        {
            _backlog.Enqueue(lease);
            return;
        }

        Send(_idle.Dequeue(), lease, view);
    }

    private void Send(ActorRef evaluator, TaskLease lease, GenerationView view)
    {
        long dispatch = ++_nextDispatch;
        var now = Context.System.Clock.GetUtcNow();
        var due = now + _deadlines.For(lease.Attempt);
        var timer = Context.ScheduleOnce(due - now, new DeadlineCheck(evaluator, dispatch));
        _inFlight[evaluator] = new InFlight(lease, dispatch, now, due, timer);
        evaluator.Tell(new Evaluate(lease.Task, view, dispatch, lease.Attempt), Self);
    }

    private void Completed(ActorRef evaluator, InFlight held, TaskResult result)
    {
        _inFlight.Remove(evaluator);
        held.Timer.Dispose();
        _fabric.PublishResult(result);
        Settle(held.Lease, ack: true);
        if (_deadlines.Observe(Context.System.Clock.GetUtcNow() - held.Started))
        {
            MoveDeadlinesUp();
        }

        BecomeIdle(evaluator);
    }

    /// <summary>A failed attempt: the task goes back for another, or after the last one its candidates are reported failed.</summary>
    private void SettleFailed(TaskLease lease, Exception reason)
    {
        if (lease.Attempt < _settings.MaxAttempts)
        {
            Settle(lease, ack: false);
            return;
        }

        var error = $"{lease.Task}: given up after {lease.Attempt} attempt(s); last failure {reason.GetType().Name}: {reason.Message}";
        Context.System.Log(error);
        _fabric.PublishResult(TaskResult.Failed(lease.Task, error));
        Settle(lease, ack: true);
    }

    private void BecomeIdle(ActorRef evaluator)
    {
        while (_backlog.TryDequeue(out var waiting))
        {
            if (_fabric.TryGetGeneration(waiting.Task.Generation, out var view))
            {
                Send(evaluator, waiting, view);
                return;
            }

            Settle(waiting, ack: true);
        }

        _idle.Enqueue(evaluator);
        _credits.Writer.TryWrite(true);
    }

    private void Forget(ActorRef evaluator)
    {
        if (!_alive.Remove(evaluator))
        {
            return;
        }

        _statistics.CountStopped();
        _starting.Remove(evaluator);
        if (_inFlight.Remove(evaluator, out var held))
        {
            held.Timer.Dispose();
            Settle(held.Lease, ack: false);
        }

        var others = _idle.Where(e => !e.Equals(evaluator)).ToArray();
        _idle.Clear();
        foreach (var e in others)
        {
            _idle.Enqueue(e);
        }

        if (_alive.Count == 0)
        {
            while (_backlog.TryDequeue(out var waiting))
            {
                Release(waiting); // never handed to an evaluator
            }

            throw new InvalidOperationException("Every evaluator of this pool has stopped (restart budgets spent).");
        }
    }

    /// <summary>A task handed to an evaluator: which hand-out it is, when it started, when it is due.</summary>
    private sealed record InFlight(TaskLease Lease, long Dispatch, DateTimeOffset Started, DateTimeOffset Due, IDisposable Timer);
}
