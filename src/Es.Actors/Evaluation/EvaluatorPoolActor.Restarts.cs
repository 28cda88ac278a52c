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
    private readonly HashSet<IActorRef> _backedOff = [];
    private int _replacements;
    private int _replacementsDue;

    private IActorRef StartEvaluator(int slot, string name)
    {
        var evaluator = Context.ActorOf(_evaluatorProps(Self, slot), name);
        Context.Watch(evaluator);
        _slots[evaluator] = slot;
        if (!_budgets.ContainsKey(slot))
        {
            _budgets[slot] = new RestartBudget(_restarts);
        }

        _book.Add(evaluator); // given work once it says it is ready
        return evaluator;
    }

    /// <summary>
    /// Stops an instance that failed while starting and starts a fresh one in its slot once
    /// <paramref name="delay"/> has passed; that one gets work as soon as it is ready (its backoff is behind it).
    /// </summary>
    private void ReplaceAfter(IActorRef evaluator, int slot, TimeSpan delay)
    {
        Context.Unwatch(evaluator); // replaced, not lost: its end is not a stopped evaluator
        _slots.Remove(evaluator);
        _book.Remove(evaluator, out _); // it never said it was ready, so it holds nothing
        _replacementsDue++;
        Timers.StartSingleTimer($"replace-{slot}", new ReplacementDue(slot), delay);
    }

    /// <summary>The backoff of a slot whose evaluator failed while starting is over.</summary>
    private void Replace(int slot)
    {
        _replacementsDue--;
        var evaluator = StartEvaluator(slot, $"evaluator-{slot}-{++_replacements}");
        _backedOff.Add(evaluator);
    }

    /// <summary>An instance said it is ready: up at once, or after its backoff when it follows restarts.</summary>
    private void Ready(IActorRef evaluator)
    {
        if (!_slots.TryGetValue(evaluator, out int slot))
        {
            return; // given up on meanwhile
        }

        int consecutive = _backedOff.Remove(evaluator) ? 0 : _budgets[slot].Consecutive;
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

    /// <summary>A slot whose evaluator failed while starting gets a fresh one now (sent by the pool to itself).</summary>
    private sealed record ReplacementDue(int Slot);
}
