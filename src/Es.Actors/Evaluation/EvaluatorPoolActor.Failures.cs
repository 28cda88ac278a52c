using Es.Actors.Kernel;

namespace Es.Actors.Evaluation;

/// <summary>
/// Failed and stopped evaluators: the task one was running is settled as its failure (or
/// put back without an attempt when it did not fail itself); the task waiting behind it
/// never started, so it is taken back and handed out again as it was.
/// </summary>
public sealed partial class EvaluatorPoolActor
{
    /// <inheritdoc/>
    protected internal override void OnChildFailed(ActorRef child, Exception reason, Directive directive)
    {
        Context.System.Log($"{child.Path} failed ({reason.GetType().Name}: {reason.Message}); {directive}");
        var held = _book.TakeAll(child);
        if (held.Running is { } running)
        {
            held.Clock?.Timer.Dispose();
            SettleFailed(running.Lease, reason);
        }

        TakeBack(held.Waiting);
        switch (directive)
        {
            case Directive.Restart when SupervisorStrategy.AppliesToAllChildren:
                // AllForOne: every sibling is replaced too, and the work it held is lost with it.
                _statistics.CountRestart(_book.Alive);
                foreach (var evaluator in _book.Evaluators.ToArray())
                {
                    var lost = _book.MarkStarting(evaluator);
                    Release(lost); // the siblings did not fail: no attempt is counted against their tasks
                }

                break;
            case Directive.Restart:
                _statistics.CountRestart();
                _book.MarkStarting(child); // new work waits until the fresh instance says it is ready
                break;
            case Directive.Resume:
                break; // the same instance carries on with its mailbox, where the taken-back task is skipped
            case Directive.Escalate:
                return; // this pool fails in turn; its own supervisor decides, and what it holds goes back when it stops
            default:
                Forget(child);
                break;
        }

        TopUp();
    }

    private void Forget(ActorRef evaluator)
    {
        if (!_book.Remove(evaluator, out var held))
        {
            return;
        }

        _statistics.CountStopped();
        if (held.Running is { } running)
        {
            held.Clock?.Timer.Dispose();
            Settle(running.Lease, ack: false);
        }

        TakeBack(held.Waiting);
        if (_book.Alive == 0)
        {
            while (_backlog.TryDequeue(out var waiting))
            {
                Release(waiting); // never handed to an evaluator
            }

            throw new InvalidOperationException("Every evaluator of this pool has stopped (restart budgets spent).");
        }
    }

    /// <summary>Puts back, without counting an attempt, what an evaluator held when it was replaced for another's failure.</summary>
    private void Release(HeldHandOuts held)
    {
        if (held.Running is { } running)
        {
            held.Clock?.Timer.Dispose();
            Release(running.Lease);
        }

        TakeBack(held.Waiting);
    }

    /// <summary>
    /// Takes back a hand-out that was waiting in a mailbox: still unstarted, it is withdrawn
    /// (whichever instance reads it skips it) and kept to be handed out again, as it was,
    /// without touching the fabric. If the instance given up on had just started it, it
    /// goes back to the fabric without an attempt counted, and its answer is ignored as stale.
    /// </summary>
    private void TakeBack(HandOut? waiting)
    {
        if (waiting is null)
        {
            return;
        }

        if (waiting.Ticket.TryWithdraw())
        {
            _backlog.Enqueue(waiting.Lease);
        }
        else
        {
            Release(waiting.Lease);
        }
    }
}
