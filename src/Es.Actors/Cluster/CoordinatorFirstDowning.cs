using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Es.Actors.Cluster;

/// <summary>
/// The cluster's downing provider (<c>akka.cluster.downing-provider-class</c>): once
/// reachability has not changed for <c>es.cluster.downing.stable-after</c>, each node applies
/// <see cref="DowningDecision"/> to its side. Akka's built-in strategies either let the loss of
/// workers down a lone seed (keep-majority, keep-oldest with down-if-alone) or keep a standby
/// seed from taking over from a dead one (any of them restricted to the seed role).
/// </summary>
public sealed class CoordinatorFirstDowning : IDowningProvider
{
    private readonly ActorSystem _system;

    /// <summary>Created by Akka.Cluster from the configuration.</summary>
    public CoordinatorFirstDowning(ActorSystem system, Akka.Cluster.Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _ = cluster;
    }

    /// <summary>How long reachability must be stable before a side decides.</summary>
    public TimeSpan StableAfter => _system.Settings.Config.GetTimeSpan("es.cluster.downing.stable-after", TimeSpan.FromSeconds(5));

    /// <inheritdoc/>
    public TimeSpan DownRemovalMargin => TimeSpan.Zero;

    /// <inheritdoc/>
    public Props DowningActorProps => DowningActor.Props(StableAfter);
}

/// <summary>Watches reachability and applies <see cref="DowningDecision"/> once it has been stable.</summary>
public sealed class DowningActor : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _stableAfter;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Created through <see cref="Props"/>.</summary>
    public DowningActor(TimeSpan stableAfter)
    {
        _stableAfter = stableAfter;
        Receive<ClusterEvent.IClusterDomainEvent>(_ => Timers.StartSingleTimer("stable", Stable.Instance, _stableAfter));
        Receive<Stable>(_ => Decide());
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the actor.</summary>
    public static Props Props(TimeSpan stableAfter) => Akka.Actor.Props.Create(() => new DowningActor(stableAfter));

    /// <inheritdoc/>
    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    /// <inheritdoc/>
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Decide()
    {
        var state = _cluster.State;
        var members = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.WeaklyUp).ToList();
        if (!members.Any(m => m.Address.Equals(_cluster.SelfAddress)))
        {
            return; // still joining (or already leaving): not this node's call
        }

        var unreachable = members.Where(m => state.Unreachable.Contains(m)).ToList();
        var reachable = members.Except(unreachable).ToList();
        bool IsCoordinator(Member m) => m.HasRole(ClusterProtocol.CoordinatorRole);
        var oldest = members.Where(IsCoordinator).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        var verdict = DowningDecision.Decide(
            reachable.Count(IsCoordinator), reachable.Count, unreachable.Count(IsCoordinator), unreachable.Count, oldest is not null && !unreachable.Contains(oldest));
        switch (verdict)
        {
            case DowningVerdict.DownUnreachable:
                foreach (var member in unreachable)
                {
                    _log.Warning("downing {0} (unreachable; this side keeps a coordinator-role node)", member.Address);
                    _cluster.Down(member.Address);
                }

                break;
            case DowningVerdict.DownSelf:
                _log.Warning("downing this node: its side of the cluster has no coordinator-role node, or gives way to the other side's");
                _cluster.Down(_cluster.SelfAddress);
                break;
            default:
                break;
        }
    }

    private sealed record Stable
    {
        public static readonly Stable Instance = new();
    }
}
