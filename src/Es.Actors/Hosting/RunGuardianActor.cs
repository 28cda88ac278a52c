using Akka.Actor;
using Es.Actors.Supervision;

namespace Es.Actors.Hosting;

/// <summary>
/// Parent of a run's top-level actors (<see cref="ActorHost.SpawnAsync"/>): creates them on
/// request and, through <see cref="StopAndReportStrategy"/>, turns a failure of any of
/// them into the host's <see cref="ActorHost.TopLevelFailure"/> instead of a silent restart.
/// </summary>
public sealed class RunGuardianActor : UntypedActor
{
    private readonly Action<IActorRef, Exception> _report;

    /// <summary>Created through <see cref="Props"/>.</summary>
    public RunGuardianActor(Action<IActorRef, Exception> report) => _report = report;

    /// <summary>Props for a guardian that reports failures to <paramref name="report"/>.</summary>
    public static Props Props(Action<IActorRef, Exception> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Akka.Actor.Props.Create(() => new RunGuardianActor(report));
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() => new StopAndReportStrategy(_report);

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        if (message is Spawn spawn)
        {
            Sender.Tell(Context.ActorOf(spawn.Props, spawn.Name));
        }
        else
        {
            Unhandled(message);
        }
    }

    /// <summary>Create a top-level actor of the run; the reply is its address.</summary>
    internal sealed record Spawn(Props Props, string Name);
}
