using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using Akka;
using Akka.Event;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Actors.Supervision;
using Es.Core.Rollouts;

namespace Es.Actors.Evaluation;

/// <summary>
/// Supervises a node's evaluators and feeds them from the fabric. Work is pulled: a pump
/// takes a task from the fabric only when an evaluator has room, and each holds at most
/// two (<see cref="HandOutBook.Depth"/>): the one it runs and the next, waiting in its
/// mailbox, so it starts that the moment it answers, and a slow node never hoards tasks.
/// When an evaluator fails (throws, or holds a task past its deadline), the task it was
/// running goes back to the fabric to be scored again (by any evaluator, on any node);
/// after <see cref="PoolSettings.MaxAttempts"/> attempts its candidates are reported
/// failed instead. The task waiting behind it did not fail: it is taken back and handed
/// out again without counting an attempt. When the pool stops, every task it holds goes back.
/// Evaluators are supervised by Akka (<see cref="EvaluatorSupervisorStrategy"/>, OneForOne):
/// a failed one is restarted, after a backoff, until its <see cref="RestartBudget"/> is spent.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Disposed in PostStop: an actor's life ends there, not in Dispose.")]
public sealed partial class EvaluatorPoolActor : UntypedActor, IWithTimers
{
    private readonly IWorkerFabric _fabric;
    private readonly int _evaluatorCount;
    private readonly Func<IActorRef, int, Props> _evaluatorProps;
    private readonly PoolStatistics _statistics;
    private readonly PoolSettings _settings;
    private readonly HandOutBook _book = new();
    private readonly Queue<TaskLease> _backlog = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _nextDispatch;

    /// <summary>Created through <see cref="Props"/>.</summary>
    public EvaluatorPoolActor(IWorkerFabric fabric, int evaluatorCount, Func<IActorRef, int, Props> evaluatorProps, RestartPolicy restarts, PoolStatistics statistics, PoolSettings settings)
    {
        _fabric = fabric;
        _evaluatorCount = evaluatorCount;
        _evaluatorProps = evaluatorProps;
        _restarts = restarts;
        _statistics = statistics;
        _settings = settings;
        _deadlines = new TaskDeadlines(settings.TaskDeadline);
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a pool.</summary>
    /// <param name="fabric">Where tasks come from and results go.</param>
    /// <param name="evaluatorCount">Number of evaluators (usually one per core).</param>
    /// <param name="evaluatorProps">Props of evaluator number i (given the pool's address); an evaluator tells its parent <see cref="EvaluatorReady"/> from PreStart.</param>
    /// <param name="restarts">How failing evaluators are restarted.</param>
    /// <param name="statistics">Counters for the run summary.</param>
    /// <param name="settings">Attempts and deadlines (default: 3 attempts, derived deadlines).</param>
    public static Props Props(IWorkerFabric fabric, int evaluatorCount, Func<IActorRef, int, Props> evaluatorProps, RestartPolicy restarts, PoolStatistics statistics, PoolSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluatorCount, 1);
        ArgumentNullException.ThrowIfNull(evaluatorProps);
        ArgumentNullException.ThrowIfNull(restarts);
        ArgumentNullException.ThrowIfNull(statistics);
        settings ??= new PoolSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxAttempts, 1);
        return Akka.Actor.Props.Create(() => new EvaluatorPoolActor(fabric, evaluatorCount, evaluatorProps, restarts, statistics, settings))
            .WithDispatcher(ActorHost.CoordinationDispatcher);
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() => new EvaluatorSupervisorStrategy(OnEvaluatorFailed);

    /// <inheritdoc/>
    protected override void PreStart()
    {
        for (int slot = 0; slot < _evaluatorCount; slot++)
        {
            StartEvaluator(slot, $"evaluator-{slot}");
        }

        // Akka stops children before their parent, and an evaluator inside an episode
        // handles its stop only when the episode ends: on shutdown, give up on episodes first.
        CoordinatedShutdown.Get(Context.System).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, $"abandon-episodes-{Self.Path.Name}", () =>
        {
            AbandonAll();
            return Task.FromResult(Done.Instance);
        });
        _ = PumpAsync(Self, _stopping.Token);
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        AbandonAll();
        ReleaseOwnedLeases();
    }

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case TaskLease lease:
                Taken(lease);
                break;
            case EvaluatorReady:
                Ready(Sender);
                break;
            case BackoffElapsed elapsed when _book.TryMarkUp(elapsed.Evaluator):
                TopUp();
                break;
            case BackoffElapsed:
                break; // failed again, or stopped, while it waited
            case ReplacementDue due:
                Replace(due.Slot);
                break;
            case Evaluated evaluated when IsRunning(Sender, evaluated.Dispatch):
                Completed(Sender, evaluated.Result);
                break;
            case Evaluated evaluated:
                // A late answer from an instance given up on (deadline), or a duplicate: its task was already handed out again.
                _log.Info($"{Sender.Path}: ignored a stale answer to {evaluated.Result.Task} (dispatch {evaluated.Dispatch})");
                break;
            case DeadlineCheck check:
                CheckDeadline(check);
                break;
            case PumpFailed failed:
                throw new InvalidOperationException($"{Self.Path} cannot take tasks from the fabric: {failed.Reason.Message}", failed.Reason);
            case Terminated terminated:
                Forget(terminated.ActorRef);
                TopUp();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>A lease the pump took for a free slot.</summary>
    private void Taken(TaskLease lease)
    {
        CreditAnswered();
        HandOutOrKeep(lease);
        TopUp();
    }

    /// <summary>Gives a lease to the evaluator with the most room, or keeps it until one has room.</summary>
    private void HandOutOrKeep(TaskLease lease)
    {
        if (!_fabric.TryGetGeneration(lease.Task.Generation, out var view))
        {
            Settle(lease, ack: true); // a task of a generation that is over: nothing to score
        }
        else if (_book.TryChoose(out var evaluator))
        {
            Send(evaluator, lease, view);
        }
        else
        {
            _backlog.Enqueue(lease);
        }
    }

    /// <summary>
    /// Fills free slots: first with leases the pool already holds, then with tasks the fabric
    /// has ready (taken here, without a hop through the pump), then by asking the pump for
    /// the rest. Credits the pump has not picked up are taken back first, so that what the
    /// pump still brings and what is taken here never add up to more than the free slots.
    /// </summary>
    private void TopUp()
    {
        while (_backlog.Count > 0 && _book.TryChoose(out _))
        {
            HandOutOrKeep(_backlog.Dequeue());
        }

        TakeBackUnusedCredits();
        while (_book.FreeSlots > _backlog.Count + _asked && _fabric.TryTake(out var lease))
        {
            if (!TryOwn(lease))
            {
                lease.Release(); // not reached while the pool runs: it stops owning leases in PostStop
                return;
            }

            HandOutOrKeep(lease);
        }

        AskFor(_book.FreeSlots - _backlog.Count);
    }

    private void Send(IActorRef evaluator, TaskLease lease, GenerationView view)
    {
        var handOut = new HandOut(lease, ++_nextDispatch, new HandOutTicket(), CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        if (_book.Hand(evaluator, handOut))
        {
            StartClock(evaluator, handOut);
        }

        evaluator.Tell(new Evaluate(lease.Task, view, handOut.Dispatch, lease.Attempt, handOut.Ticket, handOut.Abandon.Token), Self);
    }

    private bool IsRunning(IActorRef evaluator, long dispatch) =>
        _book.TryGetRunning(evaluator, out var running, out _) && running.Dispatch == dispatch;

    private void Completed(IActorRef evaluator, TaskResult result)
    {
        var (done, clock) = _book.Finish(evaluator);
        clock?.Timer.Dispose();
        done.Abandon.Dispose();
        Progressed(evaluator);
        _fabric.PublishResult(result);
        Settle(done.Lease, ack: true);
        if (clock is not null && _deadlines.Observe(Context.System.Scheduler.Now - clock.Started))
        {
            MoveDeadlinesUp();
        }

        if (_book.TryGetRunning(evaluator, out var next, out _))
        {
            // It waited in the mailbox until the answer just read was sent; its time counts from its start.
            StartClock(evaluator, next, next.Ticket.StartedAt);
        }
        else if (_backlog.Count == 0 && _book.TryTakeWaiting(evaluator, out var waiting))
        {
            // Nothing new to hand out yet (at the end of a generation, nothing at all): the idle
            // evaluator runs what another one holds in reserve. The other skips it when it reads it.
            waiting.Abandon.Dispose(); // never started, so never looked at
            HandOutOrKeep(waiting.Lease);
        }

        TopUp();
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
        _log.Warning(error);
        _fabric.PublishResult(TaskResult.Failed(lease.Task, error));
        Settle(lease, ack: true);
    }
}
