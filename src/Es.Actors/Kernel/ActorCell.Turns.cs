namespace Es.Actors.Kernel;

/// <summary>
/// Where an actor's turns run. A thread-pool actor is scheduled when a message reaches it
/// idle, and its turn handles what its mailboxes hold; at most one turn is queued or
/// running at a time. An actor on a dedicated thread (<see cref="Props.DedicatedThread"/>)
/// waits on that thread for its messages instead.
/// <para>
/// A message that a dedicated thread sends to an idle thread-pool actor runs that actor's
/// turn at once, on the sending thread. An evaluator's answer is thus handled by its pool
/// (and the result by the coordinator) before the evaluator starts its next task, without
/// waking a pool thread: on a virtual machine that wake-up costs the sender more than the
/// short turn it starts (docs/benchmarks.md), and with every core scoring, the woken thread
/// also takes a core from an evaluator.
/// Those turns are short; the longest is the coordinator's update at the end of a
/// generation, when the evaluator has nothing else to do.
/// </para>
/// </summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    /// <summary>User messages one turn handles before it makes way for other work.</summary>
    private const int TurnLimit = 64;

    [ThreadStatic]
    private static bool t_onDedicatedThread;

    private readonly SemaphoreSlim _doorbell = new(0);

    /// <summary>1 while a turn is queued or running (the first is queued by <see cref="Start"/>); 0 when idle.</summary>
    private int _scheduled = 1;
    private bool _created;

    /// <summary>Starts the actor: its first turn creates the instance.</summary>
    public void Start()
    {
        if (_props.DedicatedThread)
        {
            new Thread(RunOnDedicatedThread) { IsBackground = true, Name = Path }.Start();
        }
        else
        {
            // The global queue: a pool thread's local queue is LIFO, where a busy parent's
            // later work could keep a new actor from starting for as long as it stays busy.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>For tests: no turn is queued or running.</summary>
    internal bool IsIdle => Volatile.Read(ref _scheduled) == 0;

    void IThreadPoolWorkItem.Execute() => RunTurn();

    /// <summary>Makes sure a turn will see the message just put in a mailbox.</summary>
    private void Signal()
    {
        if (_props.DedicatedThread)
        {
            // A counting semaphore cannot lose a wake-up; waking for a user message while
            // suspended only costs one more turn of the loop.
            _doorbell.Release();
        }
        else if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            if (t_onDedicatedThread)
            {
                RunTurn();
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }
    }

    private void RunTurn()
    {
        if (!_created)
        {
            _created = true;
            CreateFirstInstance();
        }

        if (!ProcessGuarded(TurnLimit))
        {
            return; // stopped: it stays scheduled, so no turn ever runs again
        }

        // Idle, then look again: a message written just before the exchange found the actor
        // scheduled and left it to this turn, so it is seen here and scheduled anew.
        Interlocked.Exchange(ref _scheduled, 0);
        if (HasWork && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void RunOnDedicatedThread()
    {
        t_onDedicatedThread = true;
        CreateFirstInstance();
        while (ProcessGuarded(int.MaxValue))
        {
            _doorbell.Wait();
        }
    }

    /// <summary>
    /// <see cref="ProcessAvailable"/>, with an exception from outside any handler (handlers'
    /// own are caught by Invoke) made this actor's failure: a host's callback (log, dead
    /// letters) or a system message that threw must neither be blamed on the thread's owner
    /// (an evaluator running this turn for its pool) nor leave the actor scheduled for ever.
    /// </summary>
    private bool ProcessGuarded(int limit)
    {
        try
        {
            return ProcessAvailable(limit);
        }
        catch (Exception e)
        {
            Fail(e);
            return true;
        }
    }

    private void CreateFirstInstance()
    {
        if (!TryCreateInstance(restartReason: null))
        {
            // the failure is with the parent; its directive comes as a system message
        }
    }
}
