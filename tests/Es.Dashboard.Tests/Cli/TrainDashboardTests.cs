using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Es.Seed.Cli;
using Es.TestKit;

namespace Es.Dashboard.Tests.Cli;

/// <summary><c>train --dashboard</c>: bad values refused before anything is written; a stuck or vanished browser never holds training up.</summary>
public sealed class TrainDashboardTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("es-dashboard-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Config(int generations)
    {
        var path = Path.Combine(_root, "c.json");
        File.WriteAllText(path, $$"""
            { "generations": {{generations}}, "env": { "name": "quadratic", "dimension": 3 },
              "strategy": { "population": 16 }, "noise": { "table_size": 1048576 },
              "evaluation": { "every": 1, "episodes": 1, "stop_when_solved": false } }
            """);
        return path;
    }

    [Theory]
    [InlineData("12x")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("example.org:80")]
    public async Task Train_MalformedDashboard_OneLineExit2AndNothingWritten(string value)
    {
        var runDir = Path.Combine(_root, "run");
        var (code, _, error) = await WatchedOutput.RunCliAsync("train", Config(3), "--run-dir", runDir, "--dashboard", value);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"error: --dashboard: {Es.Dashboard.Server.DashboardEndpoint.Expected}, got '{value}'", error.Trim());
        Assert.False(Directory.Exists(runDir));
    }

    [Fact]
    public async Task Train_DashboardPortInUse_OneLineExit2AndNothingWritten()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var runDir = Path.Combine(_root, "run");
        var (code, _, error) = await WatchedOutput.RunCliAsync("train", Config(3), "--run-dir", runDir, "--dashboard", $"127.0.0.1:{port}");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"error: --dashboard: cannot listen on 127.0.0.1:{port}: the port is in use", error.Trim());
        Assert.False(Directory.Exists(runDir));
    }

    [Fact]
    public async Task Train_BrowserStuckOrGone_TrainingGoesOn()
    {
        var runDir = Path.Combine(_root, "run");
        using var output = new WatchedOutput();
        using var error = new WatchedOutput();
        using var stop = new CancellationTokenSource();
        var url = output.LineAsync(l => l.StartsWith("dashboard: ", StringComparison.Ordinal));
        var training = SeedCli.RunAsync(["train", Config(1_000_000), "--run-dir", runDir, "--workers", "1", "--dashboard", "127.0.0.1:0"], WatchedOutput.Console(output, error), stop.Token);
        try
        {
            var address = new Uri((await url.WaitAsync(TestTimeouts.Default * 6)).Split(' ')[1]);

            // One browser that asks for the event stream and never reads it, one that vanishes mid-stream.
            using var stuck = await OpenEventStreamAsync(address);
            using (var gone = await OpenEventStreamAsync(address))
            {
                gone.LingerState = new LingerOption(true, 0); // a reset, as when a browser's machine drops off
            }

            int from = Generation(await output.LineAsync(l => l.StartsWith("gen ", StringComparison.Ordinal)));
            await output.LineAsync(l => l.StartsWith("gen ", StringComparison.Ordinal) && Generation(l) >= from + 100).WaitAsync(TestTimeouts.Default * 6);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(ExitCodes.Interrupted, await training.WaitAsync(TestTimeouts.Default * 6));
        Assert.True(File.Exists(Path.Combine(runDir, "summary.json")));
        Assert.True(File.ReadLines(Path.Combine(runDir, "metrics.csv")).Count() > 100);
    }

    private static int Generation(string line) => int.Parse(line.AsSpan(4, line.IndexOf('/', StringComparison.Ordinal) - 4), CultureInfo.InvariantCulture);

    private static async Task<Socket> OpenEventStreamAsync(Uri address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await socket.ConnectAsync(address.Host, address.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /api/events HTTP/1.1\r\nHost: {address.Authority}\r\nAccept: text/event-stream\r\n\r\n"));
        return socket;
    }
}
