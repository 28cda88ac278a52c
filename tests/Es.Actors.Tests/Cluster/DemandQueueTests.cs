using Akka.Actor;
using Es.Actors.Cluster;

namespace Es.Actors.Tests.Cluster;

/// <summary>The dispatcher's record of which pools wait for tasks, and how many, in the order they asked.</summary>
public sealed class DemandQueueTests
{
    private readonly DemandQueue _queue = new();

    [Fact]
    public void Ask_ThreePools_WaitInTheOrderTheyAskedAndAPoolAskingAgainKeepsItsPlace()
    {
        var (a, b, c) = (Pool(1), Pool(2), Pool(3));

        _queue.Ask(b, 2);
        _queue.Ask(a, 1);
        _queue.Ask(c, 4);
        _queue.Ask(b, 3);

        Assert.Equal([2, 1, 3], _queue.InOrder().Select(p => p.Number));
        Assert.Equal(5, b.Demand);
    }

    [Fact]
    public void Gave_AllItAskedFor_StopsWaitingAndPartOfItKeepsItsPlace()
    {
        var (a, b) = (Pool(1), Pool(2));
        _queue.Ask(a, 2);
        _queue.Ask(b, 2);

        _queue.Gave(a, 2);
        _queue.Gave(b, 1);

        Assert.Equal([2], _queue.InOrder().Select(p => p.Number));
        Assert.Equal(0, a.Demand);
        Assert.Equal(1, b.Demand);
        Assert.Throws<ArgumentOutOfRangeException>(() => _queue.Gave(b, 2)); // never more than it asked for
    }

    [Fact]
    public void InOrder_PoolsServedAndForgottenWhileWalking_EveryWaitingPoolSeenOnce()
    {
        var pools = Enumerable.Range(1, 5).Select(Pool).ToArray();
        foreach (var pool in pools)
        {
            _queue.Ask(pool, 1);
        }

        var seen = new List<int>();
        foreach (var pool in _queue.InOrder())
        {
            seen.Add(pool.Number);
            if (pool.Number % 2 == 0)
            {
                _queue.Forget(pool);
            }
            else
            {
                _queue.Gave(pool, 1);
            }
        }

        Assert.Equal([1, 2, 3, 4, 5], seen);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void Forget_AWaitingPool_ItsDemandIsVoidAndAskingAgainPutsItLast()
    {
        var (a, b) = (Pool(1), Pool(2));
        _queue.Ask(a, 3);
        _queue.Ask(b, 1);

        _queue.Forget(a);
        Assert.Equal(0, a.Demand);
        _queue.Ask(a, 1);

        Assert.Equal([2, 1], _queue.InOrder().Select(p => p.Number));
    }

    private static PoolRegistration Pool(int number) => new(number, ActorRefs.Nobody, $"node-{number}", 1);
}
