namespace Es.Actors.Kernel;

/// <summary>A directive applies to every child: one failure restarts (or stops) all siblings.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <inheritdoc cref="SupervisorStrategy(Func{Exception, Directive}, int, TimeSpan, RestartBackoff?, Directive, bool)"/>
    public AllForOneStrategy(
        Func<Exception, Directive> decider,
        int maxRestarts = -1,
        TimeSpan window = default,
        RestartBackoff? backoff = null,
        Directive whenBudgetExhausted = Directive.Stop,
        bool budgetResetsOnProgress = false)
        : base(decider, maxRestarts, window, backoff, whenBudgetExhausted, budgetResetsOnProgress)
    {
    }

    /// <inheritdoc/>
    public override bool AppliesToAllChildren => true;
}
