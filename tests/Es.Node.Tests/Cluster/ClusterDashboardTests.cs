using System.Text.Json;

namespace Es.Node.Tests.Cluster;

/// <summary>
/// <c>train --listen … --dashboard</c>: the dashboard's cluster panel follows the real cluster,
/// fed by Akka.Cluster's membership events and the dispatcher's pools.
/// </summary>
public sealed class ClusterDashboardTests
{
    [Fact]
    public async Task ClusterRunWithDashboard_PanelShowsSeedAndWorkers_AndAWorkerKilledAsLost()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var config = scene.WriteConfig(generations: 8, population: 256, candidatesPerTask: 4);
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0", "--dashboard", "127.0.0.1:0");
        var url = (await seed.ExpectLineAsync(l => l.StartsWith("dashboard: ", StringComparison.Ordinal), deadline.Token)).Split(' ')[1];
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        await using var panel = await NodePanel.OpenAsync(http, deadline.Token);

        using var doomed = HostProcess.Node("doomed", scene.Environment, "--seed-node", seedAt, "--workers", "1");
        using var survivor = HostProcess.Node("survivor", scene.Environment, "--seed-node", seedAt, "--workers", "2");
        var doomedAt = AddressOf(await doomed.ExpectLineAsync(l => l.Contains(": joining the cluster through ", StringComparison.Ordinal), deadline.Token));
        var survivorAt = AddressOf(await survivor.ExpectLineAsync(l => l.Contains(": joining the cluster through ", StringComparison.Ordinal), deadline.Token));

        // Both workers up with their evaluators, beside the seed on the coordinator role.
        await panel.WaitForAsync(
            nodes => nodes.Any(n => n.Role == "coordinator" && n.State == "up")
                && nodes.Any(n => n.Address == doomedAt && n.Role == "worker" && n.State == "up" && n.Evaluators == 1)
                && nodes.Any(n => n.Address == survivorAt && n.Role == "worker" && n.State == "up" && n.Evaluators == 2),
            deadline.Token);

        Assert.NotNull(await doomed.WaitForLineAsync(l => ClusterRunTests.IsScoring(l) && HostProcess.GenerationOf(l) >= 2, deadline.Token));
        doomed.Signal("STOP");
        await doomed.KillHardAsync(deadline.Token);

        // The failure detector's verdict reaches the panel: unreachable, then removed once downed.
        await panel.WaitForAsync(nodes => nodes.Any(n => n.Address == doomedAt && n.State is "unreachable" or "removed"), deadline.Token);

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        var summary = ClusterScene.Summary(runDir);
        Assert.True(summary.GetProperty("nodes_lost").GetInt32() >= 1, log);
        var survivorLog = await survivor.WaitForExitAsync(deadline.Token);
        Assert.True(survivor.ExitCode == 0, survivorLog);
    }

    /// <summary>The address at the end of a node's "joining the cluster through SEEDS as ADDRESS" line.</summary>
    private static string AddressOf(string joiningLine) => joiningLine[(joiningLine.LastIndexOf(" as ", StringComparison.Ordinal) + 4)..];

    /// <summary>A node as <c>/api/nodes</c> and the <c>nodes</c> event give it.</summary>
    private sealed record PanelNode(string Address, string Role, string State, int Evaluators);

    /// <summary>The live event stream's node snapshots, starting from <c>/api/nodes</c> once the stream is open.</summary>
    private sealed class NodePanel : IAsyncDisposable
    {
        private readonly Stream _stream;
        private readonly StreamReader _events;
        private List<PanelNode> _nodes = [];
        private readonly List<string> _seen = [];

        private NodePanel(Stream stream)
        {
            _stream = stream;
            _events = new StreamReader(stream);
        }

        public static async Task<NodePanel> OpenAsync(HttpClient http, CancellationToken deadline)
        {
            var panel = new NodePanel(await http.GetStreamAsync(new Uri("api/events", UriKind.Relative), deadline));
            Assert.Equal("event: hello", await panel._events.ReadLineAsync(deadline));
            // Opened: what changes from now on comes as events; what was before, from the API.
            panel._nodes = Parse(await http.GetStringAsync(new Uri("api/nodes", UriKind.Relative), deadline));
            return panel;
        }

        /// <summary>Reads node events until <paramref name="holds"/> is true of the nodes.</summary>
        public async Task WaitForAsync(Func<IReadOnlyList<PanelNode>, bool> holds, CancellationToken deadline)
        {
            string? name = null;
            while (!holds(_nodes))
            {
                string? line;
                try
                {
                    line = await _events.ReadLineAsync(deadline);
                }
                catch (OperationCanceledException e)
                {
                    throw new TimeoutException($"the panel never showed the awaited nodes; last seen:\n{string.Join('\n', _seen.TakeLast(5))}", e);
                }

                Assert.True(line is not null, "the event stream ended");
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "nodes")
                {
                    _seen.Add(line);
                    _nodes = Parse(line["data: ".Length..]);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _events.Dispose();
            await _stream.DisposeAsync();
        }

        private static List<PanelNode> Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(n => new PanelNode(
                n.GetProperty("address").GetString()!,
                n.GetProperty("role").GetString()!,
                n.GetProperty("state").GetString()!,
                n.GetProperty("evaluators").GetInt32()))];
        }
    }
}
