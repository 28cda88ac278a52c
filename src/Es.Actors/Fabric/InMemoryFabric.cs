using System.Threading.Channels;
using Es.Actors.Kernel;
using Es.Core.Rollouts;

namespace Es.Actors.Fabric;

/// <summary>
/// The embedded fabric: a work queue with competing consumers and requeue-on-failure,
/// the current generation's view, and results told straight to the coordinator actor.
/// </summary>
public sealed class InMemoryFabric : IEvaluationFabric, IWorkerFabric
{
    private readonly Channel<(EvaluationTask Task, bool Redelivered)> _queue =
        Channel.CreateUnbounded<(EvaluationTask, bool)>(new UnboundedChannelOptions { SingleReader = false });

    private volatile GenerationView? _current;
    private ActorRef? _coordinator;

    /// <summary>Tasks put back after an evaluator failed while holding them.</summary>
    public long TasksRedelivered => Interlocked.Read(ref _redelivered);

    private long _redelivered;

    /// <inheritdoc/>
    public void AttachCoordinator(ActorRef coordinator) => _coordinator = coordinator;

    /// <inheritdoc/>
    public void Publish(GenerationView view, IReadOnlyList<EvaluationTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(tasks);
        _current = view;
        foreach (var task in tasks)
        {
            _queue.Writer.TryWrite((task, false));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<TaskLease> TakeAsync(CancellationToken cancellationToken)
    {
        var (task, redelivered) = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(this, task) { Redelivered = redelivered };
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
    public void PublishResult(TaskResult result) =>
        (_coordinator ?? throw new InvalidOperationException("No coordinator is attached to the fabric.")).Tell(result);

    private sealed class Lease(InMemoryFabric fabric, EvaluationTask task) : TaskLease(task)
    {
        private int _settled;

        public override void Ack() => Interlocked.Exchange(ref _settled, 1);

        public override void Requeue()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                Interlocked.Increment(ref fabric._redelivered);
                fabric._queue.Writer.TryWrite((Task, true));
            }
        }
    }
}
