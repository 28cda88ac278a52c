namespace Es.Seed.Tests.Cli;

/// <summary>A cluster run's <c>akka</c> section reaches the seed node's actor system (its local evaluators run in it).</summary>
public sealed class TrainAkkaClusterTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact(Timeout = 300_000)] // a guard, not a measure: a seed that cannot form its cluster waits for ever
    public async Task Train_WithListen_AkkaSectionReachesTheClusterSystem()
    {
        var marker = Guid.NewGuid().ToString("N");
        var conf = _cli.Write("c.conf", SettingsProbeLogger.Quadratic(marker));

        // --workers 1: the seed's own evaluators register through the singleton proxy, like a remote node's.
        int code = await _cli.RunAsync("train", conf, "--run-dir", Path.Combine(_cli.Root, "run"), "--listen", "127.0.0.1:0", "--workers", "1");

        Assert.True(code == 0, _cli.Error);
        Assert.Contains($"es: {marker}, loglevel DEBUG", SettingsProbeLogger.Seen);
    }
}
