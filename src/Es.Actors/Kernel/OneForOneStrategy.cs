namespace Es.Actors.Kernel;

/// <summary>A directive applies only to the child that failed.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <inheritdoc cref="SupervisorStrategy(Func{Exception, Directive}, int, TimeSpan, RestartBackoff?, Directive, bool)"/>
    public OneForOneStrategy(
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
    public override bool AppliesToAllChildren => false;
}
