using Es.Actors.Cluster;
using Es.TestKit;

namespace Es.Actors.Tests.Cluster;

/// <summary>Who the coordinator knows, driven by messages and a <see cref="ManualClock"/>: no broker, no waiting.</summary>
public sealed class ClusterMembershipTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Joined_NewNode_CountedUpWithItsWorkers()
    {
        var membership = new ClusterMembership(Timeout, new ManualClock());

        Assert.True(membership.Joined("a", "host-a", 2));
        Assert.True(membership.Joined("b", "host-b", 3));

        Assert.Equal(2, membership.Up);
        Assert.Equal(5, membership.Workers);
        Assert.Equal(0, membership.Lost);
    }

    [Fact]
    public void Joined_SameNodeAgain_NotNew()
    {
        var membership = new ClusterMembership(Timeout, new ManualClock());
        membership.Joined("a", "host-a", 2);

        Assert.False(membership.Joined("a", "host-a", 4)); // a resync: same node, maybe other workers

        Assert.Equal(1, membership.Up);
        Assert.Equal(4, membership.Workers);
    }

    [Fact]
    public void Sweep_SilentPastTimeout_LostAndRemoved()
    {
        var clock = new ManualClock();
        var membership = new ClusterMembership(Timeout, clock);
        membership.Joined("a", "host-a", 1);
        membership.Joined("b", "host-b", 1);

        clock.Advance(TimeSpan.FromSeconds(6));
        membership.Seen("b");
        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["a"], membership.Sweep());
        Assert.Equal(1, membership.Up);
        Assert.Equal(1, membership.Lost);
        Assert.Empty(membership.Sweep()); // counted once
    }

    [Fact]
    public void Sweep_SilentExactlyTimeout_StillUp()
    {
        var clock = new ManualClock();
        var membership = new ClusterMembership(Timeout, clock);
        membership.Joined("a", "host-a", 1);

        clock.Advance(Timeout);

        Assert.Empty(membership.Sweep());
        Assert.Equal(1, membership.Up);
    }

    [Fact]
    public void Seen_LostNodeHeardAgain_UpAgainLostCountKept()
    {
        var clock = new ManualClock();
        var membership = new ClusterMembership(Timeout, clock);
        membership.Joined("a", "host-a", 1);
        clock.Advance(Timeout + TimeSpan.FromSeconds(1));
        membership.Sweep();

        Assert.True(membership.Seen("a")); // e.g. its link came back: unknown again, so "new"

        Assert.Equal(1, membership.Up);
        Assert.Equal(1, membership.Lost);
    }

    [Fact]
    public void Seen_KnownNode_NotNewAndKeepsItAlive()
    {
        var clock = new ManualClock();
        var membership = new ClusterMembership(Timeout, clock);
        membership.Joined("a", "host-a", 1);

        for (int i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            Assert.False(membership.Seen("a"));
            Assert.Empty(membership.Sweep());
        }

        Assert.Equal(1, membership.Up);
    }

    [Fact]
    public void Left_KnownNode_RemovedNotLost()
    {
        var membership = new ClusterMembership(Timeout, new ManualClock());
        membership.Joined("a", "host-a", 2);

        Assert.True(membership.Left("a"));
        Assert.False(membership.Left("a"));

        Assert.Equal(0, membership.Up);
        Assert.Equal(0, membership.Workers);
        Assert.Equal(0, membership.Lost);
    }
}
