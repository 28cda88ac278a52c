using Akka.Actor;

namespace Es.Actors.Evaluation;

/// <summary>
/// Task deadlines: an evaluator that holds a task too long is failed from outside and its
/// task scored again (<see cref="Abandon"/>). Only the task an evaluator runs is timed; the one waiting behind it
/// starts its clock when it starts, so waiting never counts against it, nor against the
/// task times deadlines are derived from.
/// </summary>
public sealed partial class EvaluatorPoolActor
{
    private readonly TaskDeadlines _deadlines;

    /// <summary>Arms the deadline of the task an evaluator runs, from when it started (now, unless known to be earlier).</summary>
    private void StartClock(IActorRef evaluator, HandOut running, DateTimeOffset? startedAt = null)
    {
        var now = Context.System.Scheduler.Now;
        var started = startedAt is { } at && at < now ? at : now;
        Arm(evaluator, running, started, started + _deadlines.For(running.Lease.Attempt), now);
    }

    private void CheckDeadline(DeadlineCheck check)
    {
        if (!_book.TryGetRunning(check.Evaluator, out var running, out var clock) || running.Dispatch != check.Dispatch || clock is null)
        {
            return; // answered (or failed) meanwhile
        }

        // The derived deadline may have grown since the timer was armed: wait the rest.
        var now = Context.System.Scheduler.Now;
        var due = clock.Started + _deadlines.For(running.Lease.Attempt);
        if (now < due)
        {
            Arm(check.Evaluator, running, clock.Started, due, now);
            return;
        }

        if (_book.StartedNext(check.Evaluator))
        {
            return; // it has started the next task, so its answer to this one is in the mailbox, on its way
        }

        _statistics.CountDeadlineExpired();
        var took = now - clock.Started;
        Abandon(check.Evaluator, new TaskDeadlineExceededException(
            $"{running.Lease.Task} (attempt {running.Lease.Attempt}) not answered after {took.TotalSeconds:F1} s (deadline {(due - clock.Started).TotalSeconds:F1} s)"));
    }

    /// <summary>The deadline estimate became shorter: tasks armed with the longer one are due sooner.</summary>
    private void MoveDeadlinesUp()
    {
        var now = Context.System.Scheduler.Now;
        foreach (var (evaluator, running, clock) in _book.Clocks().ToArray())
        {
            var due = clock.Started + _deadlines.For(running.Lease.Attempt);
            if (due < clock.Due)
            {
                Arm(evaluator, running, clock.Started, due, now);
            }
        }
    }

    private void Arm(IActorRef evaluator, HandOut running, DateTimeOffset started, DateTimeOffset due, DateTimeOffset now)
    {
        var wait = due > now ? due - now : TimeSpan.Zero;
        var check = new DeadlineCheck(evaluator, running.Dispatch);
        _book.SetClock(evaluator, new DeadlineClock(started, due, DeadlineTimer.Start(Timers, check, wait)));

        // Already due (a waiting task that started a deadline ago), or the clock moved past
        // the due time while the timer was made: look now. A test scheduler fires timers only
        // as it advances, and a check that comes twice changes nothing.
        if (Context.System.Scheduler.Now >= due)
        {
            Self.Tell(check, Self);
        }
    }

    /// <summary>Time to look at a hand-out's deadline (sent by the pool to itself).</summary>
    private sealed record DeadlineCheck(IActorRef Evaluator, long Dispatch);
}
