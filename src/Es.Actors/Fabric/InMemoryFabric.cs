using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Akka.Actor;
using Es.Core.Rollouts;

namespace Es.Actors.Fabric;

/// <summary>
/// The embedded fabric: a work queue with competing consumers and requeue-on-failure
/// (a requeued task carries its attempt count, as a broker's delivery count does), the
/// current generation's view, and results told straight to the coordinator actor.
/// </summary>
public sealed class InMemoryFabric : IEvaluationFabric, IWorkerFabric
{
    // A pool's pump waits here at the end of every generation. Continuing it on the writer's
    // thread (the coordinator publishing the next generation, on the evaluator thread whose
    // answer closed the round: decision 0018) hands the first tasks out there and then,
    // instead of waking a pool thread for it while every core is about to be busy again.
    private readonly Channel<(EvaluationTask Task, int Attempt)> _queue =
        Channel.CreateUnbounded<(EvaluationTask, int)>(new UnboundedChannelOptions { SingleReader = false, AllowSynchronousContinuations = true });

    private volatile GenerationView? _current;
    private IActorRef? _coordinator;
    private long _redelivered;
    private long _candidatesRetried;

    /// <summary>Tasks put back after an evaluator failed while holding them.</summary>
    public long TasksRedelivered => Interlocked.Read(ref _redelivered);

    /// <summary>Candidates in the tasks put back: each will be scored again.</summary>
    public long CandidatesRetried => Interlocked.Read(ref _candidatesRetried);

    /// <summary>
    /// Fault injection for tests: sees every result on its way to the coordinator and calls
    /// <c>deliver</c> as often as it likes (never = dropped, twice = duplicated, later = delayed).
    /// Null (the default) delivers each result once, at once.
    /// </summary>
    public Action<TaskResult, Action<TaskResult>>? ResultInterceptor { get; set; }

    /// <summary>For tests: called with every task as a worker takes it (null, the default: nothing is called).</summary>
    public Action<EvaluationTask>? TakeObserver { get; set; }

    /// <inheritdoc/>
    public void AttachCoordinator(IActorRef coordinator) => _coordinator = coordinator;

    /// <inheritdoc/>
    public void Publish(GenerationView view, IReadOnlyList<EvaluationTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(tasks);
        _current = view;
        foreach (var task in tasks)
        {
            _queue.Writer.TryWrite((task, 1));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<TaskLease> TakeAsync(CancellationToken cancellationToken)
    {
        var (task, attempt) = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Taken(task, attempt);
    }

    /// <inheritdoc/>
    public bool TryTake([NotNullWhen(true)] out TaskLease? lease)
    {
        lease = _queue.Reader.TryRead(out var item) ? Taken(item.Task, item.Attempt) : null;
        return lease is not null;
    }

    /// <inheritdoc/>
    public bool TryGetGeneration(int generation, out GenerationView view)
    {
        var current = _current;
        if (current is not null && current.Generation == generation)
        {
            view = current;
            return true;
        }

        view = null!;
        return false;
    }

    /// <inheritdoc/>
    public void PublishResult(TaskResult result)
    {
        var interceptor = ResultInterceptor;
        if (interceptor is null)
        {
            Deliver(result);
        }
        else
        {
            interceptor(result, Deliver);
        }
    }

    private Lease Taken(EvaluationTask task, int attempt)
    {
        TakeObserver?.Invoke(task);
        return new Lease(this, task) { Attempt = attempt };
    }

    private void Deliver(TaskResult result) =>
        (_coordinator ?? throw new InvalidOperationException("No coordinator is attached to the fabric.")).Tell(result);

    private sealed class Lease(InMemoryFabric fabric, EvaluationTask task) : TaskLease(task)
    {
        private int _settled;

        public override void Ack() => Interlocked.Exchange(ref _settled, 1);

        public override void Requeue() => PutBack(Attempt + 1);

        public override void Release() => PutBack(Attempt);

        private void PutBack(int attempt)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                Interlocked.Increment(ref fabric._redelivered);
                if (Task.Kind == TaskKind.Candidates)
                {
                    Interlocked.Add(ref fabric._candidatesRetried, Task.Count);
                }

                fabric._queue.Writer.TryWrite((Task, attempt));
            }
        }
    }
}
