using Akka.Actor;
using Akka.Actor.Internal;

namespace Es.Actors.Supervision;

/// <summary>
/// Akka's <see cref="OneForOneStrategy"/> with the pool in the loop: every failure is
/// restarted by the decider, but before Akka acts the pool is told which evaluator failed
/// (on the pool's own thread, inside its mailbox turn), takes back the task it held and
/// answers Restart, or Stop once the evaluator's <see cref="RestartBudget"/> is spent.
/// Akka's built-in budget is left unlimited: it counts restarts, not restarts without progress.
/// </summary>
internal sealed class EvaluatorSupervisorStrategy : OneForOneStrategy
{
    private readonly Func<IActorRef, Exception, Directive> _onFailure;

    /// <param name="onFailure">Called with the failed evaluator and what it threw; returns <see cref="Directive.Restart"/> or <see cref="Directive.Stop"/>.</param>
    public EvaluatorSupervisorStrategy(Func<IActorRef, Exception, Directive> onFailure)
        : base(_ => Directive.Restart)
    {
        _onFailure = onFailure;
        LoggingEnabled = false; // the pool logs each failure with the task it cost
    }

    /// <inheritdoc/>
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (restart && _onFailure(child, cause) == Directive.Restart)
        {
            RestartChild(child, cause, suspendFirst: false);
        }
        else
        {
            context.Stop(child);
        }
    }
}
