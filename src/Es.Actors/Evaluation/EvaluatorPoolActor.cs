using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Es.Actors.Fabric;
using Es.Actors.Kernel;
using Es.Core.Rollouts;

namespace Es.Actors.Evaluation;

/// <summary>
/// Supervises a node's evaluators and feeds them from the fabric. Work is pulled: a
/// pump takes a task from the fabric only when an evaluator is free, so a slow node
/// never hoards tasks. When an evaluator fails, the task it held goes back to the fabric
/// to be scored again (by any evaluator, on any node).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Disposed in PostStop: an actor's life ends there, not in Dispose.")]
public sealed class EvaluatorPoolActor : Actor
{
    private readonly IWorkerFabric _fabric;
    private readonly int _evaluatorCount;
    private readonly Func<ActorRef, int, Props> _evaluatorProps;
    private readonly SupervisorStrategy _strategy;
    private readonly PoolStatistics _statistics;
    private readonly Queue<ActorRef> _idle = new();
    private readonly Queue<TaskLease> _backlog = new();
    private readonly Dictionary<ActorRef, TaskLease> _inFlight = [];
    private readonly HashSet<ActorRef> _alive = [];
    private readonly Channel<bool> _credits = Channel.CreateUnbounded<bool>();
    private readonly CancellationTokenSource _stopping = new();

    private EvaluatorPoolActor(IWorkerFabric fabric, int evaluatorCount, Func<ActorRef, int, Props> evaluatorProps, SupervisorStrategy strategy, PoolStatistics statistics)
    {
        _fabric = fabric;
        _evaluatorCount = evaluatorCount;
        _evaluatorProps = evaluatorProps;
        _strategy = strategy;
        _statistics = statistics;
    }

    /// <summary>Props for a pool.</summary>
    /// <param name="fabric">Where tasks come from and results go.</param>
    /// <param name="evaluatorCount">Number of evaluators (usually one per core).</param>
    /// <param name="evaluatorProps">Props of evaluator number i (given the pool's address).</param>
    /// <param name="strategy">How failing evaluators are treated.</param>
    /// <param name="statistics">Counters for the run summary.</param>
    public static Props Props(IWorkerFabric fabric, int evaluatorCount, Func<ActorRef, int, Props> evaluatorProps, SupervisorStrategy strategy, PoolStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluatorCount, 1);
        ArgumentNullException.ThrowIfNull(evaluatorProps);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(statistics);
        return Kernel.Props.Create(() => new EvaluatorPoolActor(fabric, evaluatorCount, evaluatorProps, strategy, statistics));
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
            BecomeIdle(evaluator);
        }

        _ = PumpAsync(Self, _stopping.Token);
    }

    /// <inheritdoc/>
    protected internal override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    protected internal override void Receive(object message)
    {
        switch (message)
        {
            case TaskLease lease:
                Dispatch(lease);
                break;
            case Evaluated evaluated when Sender is not null && _inFlight.Remove(Sender, out var held):
                _fabric.PublishResult(evaluated.Result);
                held.Ack();
                BecomeIdle(Sender);
                break;
            case Evaluated:
                break; // a late answer from an incarnation whose task was already requeued
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
        var held = _inFlight.Remove(child, out var lease);
        if (held)
        {
            lease!.Requeue();
        }

        switch (directive)
        {
            case Directive.Restart:
                _statistics.CountRestart();
                if (held)
                {
                    BecomeIdle(child); // its mailbox holds new work until the fresh instance is up
                }

                break;
            case Directive.Resume:
                if (held)
                {
                    BecomeIdle(child);
                }

                break;
            default:
                Forget(child);
                break;
        }
    }

    private void Dispatch(TaskLease lease)
    {
        if (!_fabric.TryGetGeneration(lease.Task.Generation, out var view))
        {
            lease.Ack(); // a task of a generation that is over: nothing to score
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
        _inFlight[evaluator] = lease;
        evaluator.Tell(new Evaluate(lease.Task, view), Self);
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

            waiting.Ack();
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
        if (_inFlight.Remove(evaluator, out var lease))
        {
            lease.Requeue();
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
                waiting.Requeue();
            }

            throw new InvalidOperationException("Every evaluator of this pool has stopped (restart budgets spent).");
        }
    }

    /// <summary>Takes one task from the fabric per free evaluator (credit) and hands it to the pool.</summary>
    private async Task PumpAsync(ActorRef pool, CancellationToken stopping)
    {
        try
        {
            while (await _credits.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                if (!_credits.Reader.TryRead(out _))
                {
                    continue;
                }

                var lease = await _fabric.TakeAsync(stopping).ConfigureAwait(false);
                pool.Tell(lease);
            }
        }
        catch (OperationCanceledException)
        {
            // the pool stopped
        }
    }
}
