using Es.Actors.Kernel;

namespace Es.Actors.Tests.Kernel;

/// <summary>Tells the actor to throw this exception.</summary>
internal sealed record Crash(Exception Reason);

/// <summary>Lifecycle events reported to a probe.</summary>
internal sealed record Lifecycle(string Actor, string Event);

/// <summary>Parent saw a child fail.</summary>
internal sealed record ChildFailed(string Child, Exception Reason, Directive Directive);

/// <summary>Forward <see cref="Message"/> to the child named <see cref="Child"/>.</summary>
internal sealed record ToChild(string Child, object Message);

/// <summary>Replies to its sender with whatever it gets.</summary>
internal sealed class EchoActor : Actor
{
    protected internal override void Receive(object message) => Sender?.Tell(message, Self);
}

/// <summary>Counts "inc", answers "get" with the count, discards "stale" (no progress), throws on <see cref="Crash"/>, reports its lifecycle.</summary>
internal class CounterActor(ActorRef reportTo, string name) : Actor
{
    private int _count;

    /// <summary>Where lifecycle events go (for subclasses).</summary>
    protected ActorRef ReportTo => reportTo;

    /// <summary>The name lifecycle events carry.</summary>
    protected string Name => name;

    protected internal override void PreStart() => reportTo.Tell(new Lifecycle(name, "started"));

    protected internal override void PostRestart(Exception reason) => reportTo.Tell(new Lifecycle(name, "restarted"));

    protected internal override void PostStop() => reportTo.Tell(new Lifecycle(name, "stopped"));

    protected internal override void Receive(object message)
    {
        switch (message)
        {
            case "inc":
                _count++;
                break;
            case "get":
                Sender?.Tell(_count, Self);
                break;
            case "stale":
                Context.MarkDiscarded();
                break;
            case Crash crash:
                throw crash.Reason;
            default:
                Unhandled(message);
                break;
        }
    }
}

/// <summary>Supervises named counters with a given strategy; forwards failures and terminations to the probe.</summary>
internal sealed class SupervisorActor(ActorRef reportTo, SupervisorStrategy strategy, string[] children) : Actor
{
    private readonly Dictionary<string, ActorRef> _children = [];

    protected internal override SupervisorStrategy SupervisorStrategy => strategy;

    protected internal override void PreStart()
    {
        foreach (var name in children)
        {
            var child = Context.ActorOf(Props.Create(() => new CounterActor(reportTo, name)), name);
            Context.Watch(child);
            _children[name] = child;
        }
    }

    protected internal override void Receive(object message)
    {
        switch (message)
        {
            case ToChild to:
                _children[to.Child].Tell(to.Message, Sender);
                break;
            case Terminated terminated:
                reportTo.Tell(terminated);
                break;
            case Crash crash:
                throw crash.Reason;
            default:
                Unhandled(message);
                break;
        }
    }

    protected internal override void OnChildFailed(ActorRef child, Exception reason, Directive directive) =>
        reportTo.Tell(new ChildFailed(child.Path, reason, directive));
}

/// <summary>Supervises one <see cref="SupervisorActor"/> (which escalates), reporting what reaches it.</summary>
internal sealed class GrandparentActor(ActorRef reportTo) : Actor
{
    private ActorRef? _parent;

    protected internal override SupervisorStrategy SupervisorStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    protected internal override void PreStart()
    {
        var escalate = new OneForOneStrategy(_ => Directive.Escalate);
        _parent = Context.ActorOf(Props.Create(() => new SupervisorActor(reportTo, escalate, ["c"])), "parent");
    }

    protected internal override void Receive(object message) => _parent!.Tell(message, Sender);

    protected internal override void OnChildFailed(ActorRef child, Exception reason, Directive directive) =>
        reportTo.Tell(new ChildFailed(child.Path, reason, directive));
}
