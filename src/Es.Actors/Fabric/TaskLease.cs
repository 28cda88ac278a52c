namespace Es.Actors.Fabric;

/// <summary>
/// A task handed to a worker that must be settled: acknowledged once its result has
/// been published, or requeued so another evaluator scores it (the broker semantics of
/// manual acks, which the in-memory fabric reproduces).
/// </summary>
public abstract class TaskLease
{
    /// <summary>Creates a lease for <paramref name="task"/>.</summary>
    protected TaskLease(EvaluationTask task) => Task = task;

    /// <summary>The leased task.</summary>
    public EvaluationTask Task { get; }

    /// <summary>Which attempt at the task this is, from 1; a redelivered task carries its count.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>True when this task was handed out before (a redelivery).</summary>
    public bool Redelivered => Attempt > 1;

    /// <summary>Settles the task as done.</summary>
    public abstract void Ack();

    /// <summary>Puts the task back for another evaluator: a failed attempt.</summary>
    public abstract void Requeue();

    /// <summary>
    /// Puts the task back without counting an attempt: its holder did not fail (a sibling
    /// restarted with an AllForOne strategy, a pool stopping). Only failures may lead to a
    /// task being given up, which would change θ. A fabric that cannot tell the two apart
    /// (a broker counts every redelivery) treats it as <see cref="Requeue"/>.
    /// </summary>
    public virtual void Release() => Requeue();
}
