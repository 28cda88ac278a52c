using System.Diagnostics.CodeAnalysis;
using Akka.Actor;

namespace Es.Actors.Evaluation;

/// <summary>
/// A pool's record of its evaluators: which are up (ready for work) and which hand-outs
/// each holds, at most <see cref="Depth"/>: the one it is running, whose deadline clock
/// runs, and one waiting in its mailbox. Kept apart from the actor so that whom the pool
/// gives work to, and how much it asks the fabric for, can be tested plainly.
/// </summary>
internal sealed class HandOutBook
{
    /// <summary>
    /// Hand-outs an evaluator may hold. Two: the next task is already in its mailbox when it
    /// answers the current one, so it never idles while its answer goes round the pool and
    /// the fabric and a new task comes back (a wait paid once per task, which adds up to a
    /// visible share of a generation when tasks are small; docs/benchmarks.md has the
    /// measurement). More would only let a slow node hoard work. Two by
    /// construction: an evaluator's record has one running and one waiting place.
    /// </summary>
    public const int Depth = 2;

    private readonly List<IActorRef> _order = [];
    private readonly Dictionary<IActorRef, Holder> _holders = [];

    /// <summary>Evaluators still alive, up or starting.</summary>
    public int Alive => _holders.Count;

    /// <summary>Alive evaluators in the order they were added.</summary>
    public IReadOnlyList<IActorRef> Evaluators => _order;

    /// <summary>Tasks the up evaluators have room for (the pool asks the fabric for these, less what it holds and what it has already asked for).</summary>
    public int FreeSlots
    {
        get
        {
            int free = 0;
            foreach (var holder in _holders.Values)
            {
                free += holder.Up ? Depth - holder.Count : 0;
            }

            return free;
        }
    }

    /// <summary>A new evaluator: starting, holding nothing.</summary>
    public void Add(IActorRef evaluator)
    {
        _holders.Add(evaluator, new Holder());
        _order.Add(evaluator);
    }

    /// <summary>An evaluator gone for good; everything it still held, for the pool to settle.</summary>
    public bool Remove(IActorRef evaluator, out HeldHandOuts held)
    {
        if (!_holders.Remove(evaluator, out var holder))
        {
            held = default;
            return false;
        }

        _order.Remove(evaluator);
        held = holder.TakeAll();
        return true;
    }

    /// <summary>A starting evaluator said it is ready: true when it was starting (a repeated ready changes nothing).</summary>
    public bool TryMarkUp(IActorRef evaluator)
    {
        if (!_holders.TryGetValue(evaluator, out var holder) || holder.Up)
        {
            return false;
        }

        holder.Up = true;
        return true;
    }

    /// <summary>An evaluator is being replaced or stopped: it gets no work until its fresh instance says it is ready.</summary>
    public void MarkStarting(IActorRef evaluator) => _holders[evaluator].Up = false;

    /// <summary>
    /// Takes back what an evaluator holds when it fails or is given up on, telling apart the
    /// task it was running from the one still waiting in its mailbox by the waiting one's
    /// ticket: withdrawn in time, it never started, and the earlier one was running. Started
    /// already, the earlier one was answered (the answer is in the pool's mailbox, behind
    /// the failure report, which overtakes it): that one stays, to be accepted when read, and
    /// the started one is returned as the running one. The returned clock is the one to
    /// dispose, whichever hand-out it timed.
    /// </summary>
    public HeldHandOuts TakeBack(IActorRef evaluator)
    {
        if (!_holders.TryGetValue(evaluator, out var holder))
        {
            return default;
        }

        if (holder.Waiting is { } waiting && !waiting.Ticket.TryWithdraw())
        {
            var answered = new HeldHandOuts(waiting, holder.Clock, null);
            holder.Waiting = null;
            holder.Clock = null;
            return answered;
        }

        return holder.TakeAll();
    }

    /// <summary>
    /// Withdraws a hand-out that waits behind another evaluator's running one and has not
    /// started, for <paramref name="idle"/>, which has nothing left to run. At the end of a
    /// generation the other evaluator would run it only after its current task, while this
    /// one idles: the generation's tail would grow by a whole task.
    /// </summary>
    public bool TryTakeWaiting(IActorRef idle, [NotNullWhen(true)] out HandOut? waiting)
    {
        foreach (var candidate in _order)
        {
            var holder = _holders[candidate];
            if (!candidate.Equals(idle) && holder.Waiting is { } behind && behind.Ticket.TryWithdraw())
            {
                holder.Waiting = null;
                waiting = behind;
                return true;
            }
        }

        waiting = null;
        return false;
    }

    /// <summary>True when the evaluator has started the hand-out that waited behind its running one: the running one was answered.</summary>
    public bool StartedNext(IActorRef evaluator) =>
        _holders.TryGetValue(evaluator, out var holder) && holder.Waiting?.Ticket.StartedAt is not null;

    /// <summary>The up evaluator with room that holds the fewest hand-outs (an idle one before a busy one), first added first.</summary>
    public bool TryChoose([NotNullWhen(true)] out IActorRef? evaluator)
    {
        evaluator = null;
        int fewest = Depth;
        foreach (var candidate in _order)
        {
            var holder = _holders[candidate];
            if (holder.Up && holder.Count < fewest)
            {
                evaluator = candidate;
                fewest = holder.Count;
            }
        }

        return evaluator is not null;
    }

    /// <summary>Records a hand-out; true when the evaluator runs it at once (it held nothing), so its clock starts now.</summary>
    public bool Hand(IActorRef evaluator, HandOut handOut)
    {
        var holder = _holders[evaluator];
        if (!holder.Up || holder.Count >= Depth)
        {
            throw new InvalidOperationException($"{evaluator.Path} has no room for a hand-out.");
        }

        if (holder.Running is null)
        {
            holder.Running = handOut;
            return true;
        }

        holder.Waiting = handOut;
        return false;
    }

    /// <summary>The hand-out an evaluator is running, with its clock (null until armed).</summary>
    public bool TryGetRunning(IActorRef evaluator, [NotNullWhen(true)] out HandOut? running, out DeadlineClock? clock)
    {
        if (_holders.TryGetValue(evaluator, out var holder) && holder.Running is not null)
        {
            running = holder.Running;
            clock = holder.Clock;
            return true;
        }

        running = null;
        clock = null;
        return false;
    }

    /// <summary>Hand-outs an evaluator holds (0 for one not alive).</summary>
    public int Count(IActorRef evaluator) => _holders.TryGetValue(evaluator, out var holder) ? holder.Count : 0;

    /// <summary>Arms (or re-arms) the deadline clock of the hand-out an evaluator is running; a clock it replaces is stopped.</summary>
    public void SetClock(IActorRef evaluator, DeadlineClock clock)
    {
        var holder = _holders[evaluator];
        if (holder.Running is null)
        {
            throw new InvalidOperationException($"{evaluator.Path} runs nothing to time.");
        }

        holder.Clock?.Timer.Dispose();
        holder.Clock = clock;
    }

    /// <summary>
    /// The running hand-out was answered: it is removed (returned with its clock) and the
    /// waiting one, if any, becomes the running one, its clock not yet armed: the evaluator
    /// starts it now, so its deadline counts from now.
    /// </summary>
    public (HandOut Done, DeadlineClock? Clock) Finish(IActorRef evaluator)
    {
        var holder = _holders[evaluator];
        var done = holder.Running ?? throw new InvalidOperationException($"{evaluator.Path} runs nothing.");
        var clock = holder.Clock;
        holder.Running = holder.Waiting;
        holder.Waiting = null;
        holder.Clock = null;
        return (done, clock);
    }

    /// <summary>Running hand-outs whose clocks are armed.</summary>
    public IEnumerable<(IActorRef Evaluator, HandOut Running, DeadlineClock Clock)> Clocks()
    {
        foreach (var evaluator in _order)
        {
            var holder = _holders[evaluator];
            if (holder.Running is not null && holder.Clock is not null)
            {
                yield return (evaluator, holder.Running, holder.Clock);
            }
        }
    }

    private sealed class Holder
    {
        public bool Up { get; set; }

        public HandOut? Running { get; set; }

        public DeadlineClock? Clock { get; set; }

        public HandOut? Waiting { get; set; }

        public int Count => (Running is null ? 0 : 1) + (Waiting is null ? 0 : 1);

        public HeldHandOuts TakeAll()
        {
            var held = new HeldHandOuts(Running, Clock, Waiting);
            Running = null;
            Clock = null;
            Waiting = null;
            return held;
        }
    }
}
