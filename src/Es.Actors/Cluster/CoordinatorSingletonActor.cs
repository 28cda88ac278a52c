using Akka.Actor;
using Es.Actors.Fabric;

namespace Es.Actors.Cluster;

/// <summary>
/// The cluster singleton on the coordinator role: starts the <see cref="TaskDispatcherActor"/>,
/// asks its node for the coordinator's props (which recovers the run from the journal, so a
/// standby that takes over continues where the journal ends, or learns that the run is
/// over), and forwards registrations to the dispatcher. A failure of either child is the
/// run's failure, reported to the node, never a silent restart.
/// </summary>
public sealed class CoordinatorSingletonActor : ReceiveActor
{
    private readonly SingletonSettings _settings;
    private IActorRef _dispatcher = ActorRefs.Nobody;

    /// <summary>Created through <see cref="Props"/>.</summary>
    public CoordinatorSingletonActor(SingletonSettings settings)
    {
        _settings = settings;
        Receive<RegisterPool>(r => _dispatcher.Forward(r));
        Receive<CoordinatorReady>(ready =>
        {
            if (ready.Props is null)
            {
                return; // the run is over: nothing to coordinate (the node was told)
            }

            Context.Watch(Context.ActorOf(ready.Props, "run"));
        });
        Receive<Status.Failure>(f => _settings.Failed(f.Cause));
        Receive<Terminated>(_ => { });
    }

    /// <summary>Props for the singleton.</summary>
    public static Props Props(SingletonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Actor.Props.Create(() => new CoordinatorSingletonActor(settings));
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        _dispatcher = Context.ActorOf(TaskDispatcherActor.Props(_settings.Dispatcher), "dispatcher");
        var fabric = new ClusterCoordinatorFabric(_dispatcher);
        _settings.Prepare(fabric, _dispatcher).ContinueWith(
            t => t.IsCompletedSuccessfully ? new CoordinatorReady(t.Result) : (object)new Status.Failure(t.Exception?.GetBaseException() ?? new OperationCanceledException()),
            TaskScheduler.Default).PipeTo(Self);
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        _settings.Failed(e);
        return Directive.Stop;
    });

    private sealed record CoordinatorReady(Props? Props);
}

/// <summary>What the coordinator singleton needs from its node.</summary>
/// <param name="Dispatcher">The dispatcher's settings.</param>
/// <param name="Prepare">Makes the coordinator's props on this node (recovery source chosen), or null when the run is already over.</param>
/// <param name="Failed">Reports the run's failure to the node.</param>
public sealed record SingletonSettings(DispatcherSettings Dispatcher, Func<IEvaluationFabric, IActorRef, Task<Props?>> Prepare, Action<Exception> Failed);
