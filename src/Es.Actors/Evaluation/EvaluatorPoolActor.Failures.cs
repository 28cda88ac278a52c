using Akka.Actor;
using Akka.Event;
using Es.Actors.Fabric;
using Es.Actors.Supervision;

namespace Es.Actors.Evaluation;

/// <summary>
/// Failed and stopped evaluators: the task one was running is settled as its failure (or
/// put back without an attempt when it did not fail itself); the task waiting behind it
/// never started, so it is withdrawn and handed out again as it was.
/// </summary>
public sealed partial class EvaluatorPoolActor
{
    /// <summary>
    /// Called by <see cref="EvaluatorSupervisorStrategy"/> on this actor's thread when an
    /// evaluator threw: takes back what it held and answers Restart, or Stop once its
    /// restart budget is spent. An instance already given up on (its deadline passed and
    /// a replacement runs) is stopped.
    /// </summary>
    private Directive OnEvaluatorFailed(IActorRef evaluator, Exception reason)
    {
        if (!_slots.TryGetValue(evaluator, out int slot))
        {
            return Directive.Stop;
        }

        bool restart = _budgets[slot].TryRecordRestart(Context.System.Scheduler.Now);
        var directive = restart ? Directive.Restart : Directive.Stop;
        _log.Info($"{evaluator.Path} failed ({reason.GetType().Name}: {reason.Message}); {directive}");
        if (!restart)
        {
            _log.Warning($"{evaluator.Path}: restart budget of {_restarts.MaxRestarts} spent; stopped, the other evaluators carry on");
        }

        TakeBack(evaluator, lease => SettleFailed(lease, reason));
        _book.MarkStarting(evaluator); // restarted: work waits until the fresh instance is ready; stopped: none comes
        if (restart)
        {
            _statistics.CountRestart();
        }

        if (restart && reason is ActorInitializationException && _restarts.Backoff is { } backoff)
        {
            // It failed while starting (building its problem): restarted at once, it would fail
            // again at once and spend its budget in a moment. Instead, as Akka's BackoffSupervisor
            // does, this instance stops and a fresh one is started in its slot after the backoff.
            ReplaceAfter(evaluator, slot, backoff.Delay(_budgets[slot].Consecutive, (ulong)slot));
            directive = Directive.Stop;
        }

        TopUp();
        return directive;
    }

    /// <summary>
    /// An evaluator held its task past the deadline: it is hung (or far too slow). Akka cannot
    /// restart an actor that does not return from its handler, so the pool gives up on the
    /// instance itself: the hand-out's token is cancelled (a cooperative episode ends), the
    /// task is settled as failed, the instance is stopped (when, if ever, it returns) and a
    /// fresh evaluator takes its slot under a new name, on a new thread, exactly as a
    /// restart would, budget and backoff included.
    /// </summary>
    private void Abandon(IActorRef evaluator, Exception reason)
    {
        int slot = _slots[evaluator];
        bool replace = _budgets[slot].TryRecordRestart(Context.System.Scheduler.Now);
        _log.Info($"{evaluator.Path} failed ({reason.GetType().Name}: {reason.Message}); {(replace ? "Restart" : "Stop")}");
        TakeBack(evaluator, lease => SettleFailed(lease, reason));
        Context.Unwatch(evaluator);
        Context.Stop(evaluator);
        _slots.Remove(evaluator);
        _book.Remove(evaluator, out var left);
        if (left.Running is { } answered)
        {
            // It answered its running task and started the waiting one just as its deadline
            // was checked: that answer, still on its way, will read as stale, so the task goes
            // back (no attempt counted) instead of being lost.
            Release(answered.Lease);
        }

        if (!replace)
        {
            _log.Warning($"{evaluator.Path}: restart budget of {_restarts.MaxRestarts} spent; stopped, the other evaluators carry on");
            _statistics.CountStopped();
            StopIfNoneLeft();
            return;
        }

        _statistics.CountRestart();
        StartEvaluator(slot, $"evaluator-{slot}-{++_replacements}");
    }

    /// <summary>A stopped evaluator (restart budget spent, or stopped with its siblings) is gone: what it held goes back.</summary>
    private void Forget(IActorRef evaluator)
    {
        TakeBack(evaluator, lease => Settle(lease, ack: false)); // nothing, for one already forgotten
        _slots.Remove(evaluator);
        if (!_book.Remove(evaluator, out var unanswered))
        {
            return;
        }

        _statistics.CountStopped();
        if (unanswered.Running is { } answerLost)
        {
            Release(answerLost.Lease); // cannot happen (answers are read before Terminated), but never lose a lease
        }

        StopIfNoneLeft();
    }

    private void StopIfNoneLeft()
    {
        if (_book.Alive > 0 || _replacementsDue > 0)
        {
            return;
        }

        while (_backlog.TryDequeue(out var waiting))
        {
            Release(waiting); // never handed to an evaluator
        }

        throw new InvalidOperationException("Every evaluator of this pool has stopped (restart budgets spent).");
    }

    /// <summary>
    /// Takes back what an evaluator holds: the task it was running is settled by
    /// <paramref name="settleRunning"/> and given up on (its token cancelled); the one that
    /// never started is kept to be handed out again.
    /// </summary>
    private void TakeBack(IActorRef evaluator, Action<TaskLease> settleRunning)
    {
        var held = _book.TakeBack(evaluator);
        held.Clock?.Timer.Dispose();
        if (held.Running is { } running)
        {
            running.Abandon.Cancel();
            settleRunning(running.Lease);
        }

        Keep(held.Waiting);
    }

    /// <summary>Keeps a withdrawn hand-out that never started, to be handed out again as it was, without touching the fabric.</summary>
    private void Keep(HandOut? withdrawn)
    {
        if (withdrawn is not null)
        {
            withdrawn.Abandon.Dispose(); // never started, so never looked at: a new hand-out gets a new one
            _backlog.Enqueue(withdrawn.Lease);
        }
    }
}
