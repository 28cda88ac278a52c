using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Akka.Actor;
using Es.Actors.Fabric;
using Es.Core.Rollouts;

namespace Es.Actors.Cluster;

/// <summary>
/// A node's side of the cluster fabric, between its <see cref="NodeAgentActor"/> (which
/// pulls tasks from the coordinator and keeps the replica) and its evaluator pool: tasks
/// wait in a local queue; a task of a generation already over is settled without being
/// scored; results and settlements go to the agent as messages. Thread-safe.
/// </summary>
public sealed class ClusterWorkerFabric : IWorkerFabric
{
    private readonly Channel<(EvaluationTask Task, int Attempt)> _queue =
        Channel.CreateUnbounded<(EvaluationTask, int)>(new UnboundedChannelOptions { SingleReader = false });

    private volatile GenerationView? _view;
    private IActorRef _agent = ActorRefs.Nobody;
    private long _candidatesRetried;

    /// <summary>Candidates this node scored again after a local failure.</summary>
    public long CandidatesRetried => Interlocked.Read(ref _candidatesRetried);

    /// <summary>The generation the node's replica is at (-1 before it joined).</summary>
    public int Generation => _view?.Generation ?? -1;

    /// <inheritdoc/>
    public async ValueTask<TaskLease> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (task, attempt) = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (Current(task))
            {
                return new Lease(this, task) { Attempt = attempt };
            }
        }
    }

    /// <inheritdoc/>
    public bool TryTake([NotNullWhen(true)] out TaskLease? lease)
    {
        while (_queue.Reader.TryRead(out var item))
        {
            if (Current(item.Task))
            {
                lease = new Lease(this, item.Task) { Attempt = item.Attempt };
                return true;
            }
        }

        lease = null;
        return false;
    }

    /// <inheritdoc/>
    public bool TryGetGeneration(int generation, out GenerationView view)
    {
        var current = _view;
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
        ArgumentNullException.ThrowIfNull(result);
        _agent.Tell(new LocalResult(result));
    }

    /// <summary>The agent this fabric reports to.</summary>
    internal void Attach(IActorRef agent) => _agent = agent;

    /// <summary>The replica moved: tasks of the new generation may be scored.</summary>
    internal void SetView(GenerationView view) => _view = view;

    /// <summary>Queues a task the coordinator handed to this node.</summary>
    internal void Offer(EvaluationTask task) => _queue.Writer.TryWrite((task, 1));

    /// <summary>Drops every queued task (their coordinator is gone); returns how many.</summary>
    internal int DropQueued()
    {
        int dropped = 0;
        while (_queue.Reader.TryRead(out _))
        {
            dropped++;
        }

        return dropped;
    }

    /// <summary>A task of a generation already over is settled at once, unscored.</summary>
    private bool Current(EvaluationTask task)
    {
        if (task.Generation >= Generation)
        {
            return true;
        }

        _agent.Tell(TaskSettled.Instance);
        return false;
    }

    private sealed class Lease(ClusterWorkerFabric fabric, EvaluationTask task) : TaskLease(task)
    {
        private int _settled;

        public override void Ack()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                fabric._agent.Tell(TaskSettled.Instance);
            }
        }

        public override void Requeue() => PutBack(Attempt + 1);

        public override void Release() => PutBack(Attempt);

        private void PutBack(int attempt)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                if (Task.Kind == TaskKind.Candidates)
                {
                    Interlocked.Add(ref fabric._candidatesRetried, Task.Count);
                }

                fabric._queue.Writer.TryWrite((Task, attempt));
            }
        }
    }
}

/// <summary>A task the node held is settled: a slot is free (local message).</summary>
internal sealed record TaskSettled
{
    public static readonly TaskSettled Instance = new();
}

/// <summary>A result on its way to the coordinator (local message).</summary>
/// <param name="Result">The scores.</param>
internal sealed record LocalResult(TaskResult Result);
