using Es.Dashboard.Live;
using Es.Dashboard.Model;
using Es.Dashboard.Nodes;

namespace Es.Dashboard.Tests.Live;

public sealed class ClientFeedTests
{
    private static GenerationPoint Point(int generation) => new(generation, true, generation, generation + 1, generation - 1, null, 10, 100, generation, 0);

    [Fact]
    public void Add_ClientThatNeverReads_IsCutOffAndTheRunKeepsEveryRound()
    {
        using var live = new LiveRun(new NodeBoard());
        live.Start(new RunInfo("r", "CartPole-v1", "openai-es", "1", 5000, 475, "running", 0, null), "{}");
        var stuck = live.Subscribe();
        var reading = live.Subscribe();
        int rounds = ClientFeed.Capacity * 2;
        int received = 0;
        for (int g = 0; g < rounds; g++)
        {
            live.Add(Point(g)); // never waits on the stuck client
            while (reading.Reader.TryRead(out _))
            {
                received++;
            }
        }

        Assert.True(stuck.Overflowed);
        Assert.Equal(ClientFeed.Capacity, stuck.Reader.Count); // what it held when cut off; nothing more queued
        Assert.False(reading.Overflowed);
        Assert.Equal(rounds, received);
        Assert.Equal(rounds, live.Find("r")!.Points.Count);
    }

    [Fact]
    public void Unsubscribe_RemovesTheClient()
    {
        using var live = new LiveRun(new NodeBoard());
        var feed = live.Subscribe();
        Assert.Equal(1, live.ClientCount);
        live.Unsubscribe(feed);
        Assert.Equal(0, live.ClientCount);
        Assert.True(feed.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void NodesChanged_ReachesClientsAsANodesEvent()
    {
        var nodes = new NodeBoard();
        using var live = new LiveRun(nodes);
        var feed = live.Subscribe();
        nodes.Set(new NodeSnapshot("10.0.0.2:4053", "worker", NodeState.Up, 4, 1, 0, 0, 0));
        Assert.True(feed.Reader.TryRead(out var item));
        Assert.Equal("nodes", item.Name);
        Assert.Contains("\"address\":\"10.0.0.2:4053\"", item.Data, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"up\"", item.Data, StringComparison.Ordinal);
    }
}
