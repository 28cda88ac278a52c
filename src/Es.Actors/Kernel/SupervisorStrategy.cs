namespace Es.Actors.Kernel;

/// <summary>
/// How a parent treats its failing children, with the semantics Akka.NET users know:
/// a decider maps the exception to a <see cref="Directive"/>; restarts are limited to
/// <see cref="MaxRestarts"/> within <see cref="Window"/>, after which
/// <see cref="WhenBudgetExhausted"/> applies; restarts may be delayed by a
/// <see cref="RestartBackoff"/>.
/// </summary>
public abstract class SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    /// <summary>Creates a strategy.</summary>
    /// <param name="decider">Maps a failure to a directive.</param>
    /// <param name="maxRestarts">Restarts allowed per child within <paramref name="window"/>; negative = unlimited.</param>
    /// <param name="window">The sliding window the budget counts over; <see cref="TimeSpan.Zero"/> = for ever.</param>
    /// <param name="backoff">Delay before a restart, or null to restart at once.</param>
    /// <param name="whenBudgetExhausted"><see cref="Directive.Stop"/> or <see cref="Directive.Escalate"/>.</param>
    /// <param name="budgetResetsOnProgress">When true, a child that handled a message since its last restart starts a fresh budget (see <see cref="BudgetResetsOnProgress"/>).</param>
    protected SupervisorStrategy(Func<Exception, Directive> decider, int maxRestarts, TimeSpan window, RestartBackoff? backoff, Directive whenBudgetExhausted, bool budgetResetsOnProgress = false)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (whenBudgetExhausted is not (Directive.Stop or Directive.Escalate))
        {
            throw new ArgumentOutOfRangeException(nameof(whenBudgetExhausted), "Must be Stop or Escalate.");
        }

        _decider = decider;
        MaxRestarts = maxRestarts;
        Window = window;
        Backoff = backoff;
        WhenBudgetExhausted = whenBudgetExhausted;
        BudgetResetsOnProgress = budgetResetsOnProgress;
    }

    /// <summary>Restarts allowed per child within <see cref="Window"/>; negative = unlimited.</summary>
    public int MaxRestarts { get; }

    /// <summary>The window the restart budget counts over; zero = the child's whole life.</summary>
    public TimeSpan Window { get; }

    /// <summary>Delay before restarting, growing with consecutive restarts; null = immediate.</summary>
    public RestartBackoff? Backoff { get; }

    /// <summary>What happens to a child whose restart budget is spent.</summary>
    public Directive WhenBudgetExhausted { get; }

    /// <summary>
    /// When true, only restarts without progress in between count against the budget: a child
    /// that handled a message since its last restart starts a fresh budget (like the auto-reset
    /// of Akka's backoff supervisor). Occasional failures of a working child are then never
    /// fatal, however many there are over time; a child that cannot get anything done is
    /// still stopped after <see cref="MaxRestarts"/>. False (Akka's classic budget) by default.
    /// </summary>
    public bool BudgetResetsOnProgress { get; }

    /// <summary>True when a directive applies to every child of the supervisor (AllForOne).</summary>
    public abstract bool AppliesToAllChildren { get; }

    /// <summary>Restart on any exception, without limit: the default for every actor.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(_ => Directive.Restart);

    /// <summary>The directive for <paramref name="reason"/>.</summary>
    public Directive Decide(Exception reason) => _decider(reason);

    /// <summary>Records a restart in <paramref name="history"/>; false when the budget is spent.</summary>
    internal bool TryRecordRestart(List<DateTimeOffset> history, DateTimeOffset now)
    {
        if (MaxRestarts < 0)
        {
            history.Add(now);
            return true;
        }

        if (Window > TimeSpan.Zero)
        {
            history.RemoveAll(t => now - t > Window);
        }

        if (history.Count >= MaxRestarts)
        {
            return false;
        }

        history.Add(now);
        return true;
    }
}
