using Es.Actors.Kernel;

namespace Es.Actors.Evaluation;

/// <summary>Task deadlines: an evaluator that holds a task too long is failed from outside and its task scored again.</summary>
public sealed partial class EvaluatorPoolActor
{
    private readonly TaskDeadlines _deadlines;

    private void CheckDeadline(DeadlineCheck check)
    {
        if (!_inFlight.TryGetValue(check.Evaluator, out var held) || held.Dispatch != check.Dispatch)
        {
            return; // answered (or failed) meanwhile
        }

        // The derived deadline may have grown since the timer was armed: wait the rest.
        var now = Context.System.Clock.GetUtcNow();
        var due = held.Started + _deadlines.For(held.Lease.Attempt);
        if (now < due)
        {
            Rearm(check.Evaluator, held, due, now);
            return;
        }

        _statistics.CountDeadlineExpired();
        var took = now - held.Started;
        Context.FailChild(check.Evaluator, new TaskDeadlineExceededException(
            $"{held.Lease.Task} (attempt {held.Lease.Attempt}) not answered after {took.TotalSeconds:F1} s (deadline {(due - held.Started).TotalSeconds:F1} s)"));
    }

    /// <summary>The deadline estimate became shorter: tasks armed with the longer one are due sooner.</summary>
    private void MoveDeadlinesUp()
    {
        var now = Context.System.Clock.GetUtcNow();
        foreach (var (evaluator, held) in _inFlight.ToArray())
        {
            var due = held.Started + _deadlines.For(held.Lease.Attempt);
            if (due < held.Due)
            {
                Rearm(evaluator, held, due, now);
            }
        }
    }

    private void Rearm(ActorRef evaluator, InFlight held, DateTimeOffset due, DateTimeOffset now)
    {
        held.Timer.Dispose();
        var wait = due > now ? due - now : TimeSpan.Zero;
        _inFlight[evaluator] = held with { Due = due, Timer = Context.ScheduleOnce(wait, new DeadlineCheck(evaluator, held.Dispatch)) };
    }

    /// <summary>Time to look at a hand-out's deadline (sent by the pool to itself).</summary>
    private sealed record DeadlineCheck(ActorRef Evaluator, long Dispatch);
}
