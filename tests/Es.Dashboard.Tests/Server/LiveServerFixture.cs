using Es.Dashboard.Live;
using Es.Dashboard.Model;
using Es.Dashboard.Nodes;
using Es.Dashboard.Server;

namespace Es.Dashboard.Tests.Server;

/// <summary>A live dashboard on a free loopback port, fed by the test instead of a trainer.</summary>
internal sealed class LiveServerFixture : IAsyncDisposable
{
    private LiveServerFixture(LiveRun live, NodeBoard nodes, DashboardServer server)
    {
        Live = live;
        Nodes = nodes;
        Server = server;
    }

    public LiveRun Live { get; }

    public NodeBoard Nodes { get; }

    public DashboardServer Server { get; }

    public static RunInfo Info { get; } = new("CartPole-v1-s7-test", "CartPole-v1", "openai-es", "7", 100, 475, "running", 0, null);

    public static async Task<LiveServerFixture> StartAsync()
    {
        var nodes = new NodeBoard();
        var live = new LiveRun(nodes);
        var server = await DashboardServer.StartLiveAsync(DashboardEndpoint.Parse("127.0.0.1:0"), live);
        live.Start(Info, "{\n  \"seed\": 7,\n  \"env\": { \"name\": \"CartPole-v1\" }\n}");
        return new LiveServerFixture(live, nodes, server);
    }

    /// <summary>A plausible round: rewards rising with the generation, an evaluation every fifth.</summary>
    public static GenerationPoint Point(int generation) => new(
        generation, true, 20 + (generation * 9.5), 40 + (generation * 12.0), 10 + (generation * 4.0),
        generation % 5 == 0 ? 25 + (generation * 10.0) : null, 64, 3000 + (generation * 400), 0.2 * (generation + 1), 0);

    public async ValueTask DisposeAsync()
    {
        Live.Dispose();
        await Server.DisposeAsync();
    }
}
