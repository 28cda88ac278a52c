using Akka.Actor;
using Akka.Actor.Internal;

namespace Es.Actors.Supervision;

/// <summary>
/// For the actors at the top of a run (coordinator, evaluator pools): a failure there is
/// the run's failure, so the actor is stopped, never restarted with its state lost, and
/// the failure is reported to whoever waits for the run.
/// </summary>
internal sealed class StopAndReportStrategy : OneForOneStrategy
{
    private readonly Action<IActorRef, Exception> _report;

    public StopAndReportStrategy(Action<IActorRef, Exception> report)
        : base(_ => Directive.Stop)
    {
        _report = report;
        LoggingEnabled = false; // reported instead
    }

    /// <inheritdoc/>
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        _report(child, cause);
        context.Stop(child);
    }
}
