using Akka.Actor;
using Es.Actors.Supervision;

namespace Es.Actors.Evaluation;

/// <summary>
/// The evaluators' lives: each runs in a slot (its number, which its props and its restart
/// budget belong to); a restarted or replaced one gets work only after its backoff.
/// </summary>
public sealed partial class EvaluatorPoolActor
{
    private readonly RestartPolicy _restarts;
    private readonly Dictionary<IActorRef, int> _slots = [];
    private readonly Dictionary<int, RestartBudget> _budgets = [];
    private int _replacements;

    private void StartEvaluator(int slot, string name)
    {
        var evaluator = Context.ActorOf(_evaluatorProps(Self, slot), name);
        Context.Watch(evaluator);
        _slots[evaluator] = slot;
        if (!_budgets.ContainsKey(slot))
        {
            _budgets[slot] = new RestartBudget(_restarts);
        }

        _book.Add(evaluator); // given work once it says it is ready
    }

    /// <summary>An instance said it is ready: up at once, or after its backoff when it follows restarts.</summary>
    private void Ready(IActorRef evaluator)
    {
        if (!_slots.TryGetValue(evaluator, out int slot))
        {
            return; // given up on meanwhile
        }

        int consecutive = _budgets[slot].Consecutive;
        var delay = consecutive > 0 && _restarts.Backoff is { } backoff
            ? backoff.Delay(consecutive, (ulong)slot)
            : TimeSpan.Zero;
        if (delay > TimeSpan.Zero)
        {
            Timers.StartSingleTimer(evaluator, new BackoffElapsed(evaluator), delay);
        }
        else if (_book.TryMarkUp(evaluator))
        {
            TopUp();
        }
    }

    /// <summary>The evaluator completed a task: its restart budget starts afresh.</summary>
    private void Progressed(IActorRef evaluator)
    {
        if (_slots.TryGetValue(evaluator, out int slot))
        {
            _budgets[slot].Progressed();
        }
    }

    /// <summary>Gives up on every episode still running (the pool or the system is stopping).</summary>
    private void AbandonAll() => _stopping.Cancel();

    /// <summary>A restarted evaluator's backoff is over (sent by the pool to itself).</summary>
    private sealed record BackoffElapsed(IActorRef Evaluator);
}
