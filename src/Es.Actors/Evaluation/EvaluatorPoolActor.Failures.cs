using Es.Actors.Fabric;
using Es.Actors.Kernel;

namespace Es.Actors.Evaluation;

/// <summary>
/// Failed and stopped evaluators: the task one was running is settled as its failure (or
/// put back without an attempt when it did not fail itself); the task waiting behind it
/// never started, so it is withdrawn and handed out again as it was.
/// </summary>
public sealed partial class EvaluatorPoolActor
{
    /// <inheritdoc/>
    protected internal override void OnChildFailed(ActorRef child, Exception reason, Directive directive)
    {
        Context.System.Log($"{child.Path} failed ({reason.GetType().Name}: {reason.Message}); {directive}");
        TakeBack(child, lease => SettleFailed(lease, reason));
        if (directive == Directive.Escalate)
        {
            return; // this pool fails in turn; its own supervisor decides, and what it holds goes back when it stops
        }

        if (directive == Directive.Restart)
        {
            _statistics.CountRestart(SupervisorStrategy.AppliesToAllChildren ? _book.Alive : 1);
        }

        if (directive != Directive.Resume)
        {
            // Restarted: new work waits until the fresh instance says it is ready. Stopped:
            // none comes; it is forgotten when it has terminated, after any answer it sent.
            foreach (var target in SupervisorStrategy.AppliesToAllChildren ? _book.Evaluators.ToArray() : [child])
            {
                if (!target.Equals(child))
                {
                    // A sibling (AllForOne) did not fail: no attempt is counted against its task, and its late answer is stale.
                    TakeBack(target, Release);
                }

                _book.MarkStarting(target);
            }
        }

        TopUp(); // a resumed instance carries on with its mailbox, where a withdrawn task is skipped
    }

    /// <summary>A stopped evaluator (restart budget spent, or stopped with its siblings) is gone: what it held goes back.</summary>
    private void Forget(ActorRef evaluator)
    {
        TakeBack(evaluator, lease => Settle(lease, ack: false)); // nothing, for one already forgotten
        if (!_book.Remove(evaluator, out var unanswered))
        {
            return;
        }

        _statistics.CountStopped();
        if (unanswered.Running is { } answerLost)
        {
            Release(answerLost.Lease); // cannot happen (answers are read before Terminated), but never lose a lease
        }

        if (_book.Alive == 0)
        {
            while (_backlog.TryDequeue(out var waiting))
            {
                Release(waiting); // never handed to an evaluator
            }

            throw new InvalidOperationException("Every evaluator of this pool has stopped (restart budgets spent).");
        }
    }

    /// <summary>
    /// Takes back what an evaluator holds: the task it was running is settled by
    /// <paramref name="settleRunning"/>; the one that never started is kept to be handed out again.
    /// </summary>
    private void TakeBack(ActorRef evaluator, Action<TaskLease> settleRunning)
    {
        var held = _book.TakeBack(evaluator);
        held.Clock?.Timer.Dispose();
        if (held.Running is { } running)
        {
            settleRunning(running.Lease);
        }

        Keep(held.Waiting);
    }

    /// <summary>Keeps a withdrawn hand-out that never started, to be handed out again as it was, without touching the fabric.</summary>
    private void Keep(HandOut? withdrawn)
    {
        if (withdrawn is not null)
        {
            _backlog.Enqueue(withdrawn.Lease);
        }
    }
}
