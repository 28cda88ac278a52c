using Akka.Actor;
using Akka.Cluster;

namespace Es.Actors.Cluster;

/// <summary>Tells an <see cref="IClusterPanel"/> of every membership and reachability change this node sees.</summary>
public sealed class MembershipFeedActor : ReceiveActor
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    /// <summary>Created through <see cref="Props"/>.</summary>
    public MembershipFeedActor(IClusterPanel panel)
    {
        Receive<ClusterEvent.MemberUp>(m => panel.MemberChanged(Address(m.Member), Role(m.Member), MemberReach.Up));
        Receive<ClusterEvent.ReachableMember>(m => panel.MemberChanged(Address(m.Member), Role(m.Member), MemberReach.Up));
        Receive<ClusterEvent.UnreachableMember>(m => panel.MemberChanged(Address(m.Member), Role(m.Member), MemberReach.Unreachable));
        Receive<ClusterEvent.MemberRemoved>(m => panel.MemberChanged(Address(m.Member), Role(m.Member), MemberReach.Removed));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    /// <summary>The feed's props.</summary>
    public static Props Props(IClusterPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return Akka.Actor.Props.Create(() => new MembershipFeedActor(panel));
    }

    /// <inheritdoc/>
    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    /// <inheritdoc/>
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private static string Address(Member member) => member.Address.ToString();

    private static string Role(Member member) => member.HasRole(ClusterProtocol.CoordinatorRole) ? ClusterProtocol.CoordinatorRole : "worker";
}
