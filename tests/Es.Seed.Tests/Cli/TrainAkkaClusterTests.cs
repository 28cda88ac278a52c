using Es.TestKit;

namespace Es.Seed.Tests.Cli;

/// <summary>A cluster run's <c>akka</c> section reaches the seed's actor system and, through the broker, the node's.</summary>
public sealed class TrainAkkaClusterTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Train_WithBroker_AkkaSectionReachesSeedAndNode()
    {
        using var broker = RabbitMqServer.Start();
        var marker = Guid.NewGuid().ToString("N");
        var conf = _cli.Write("c.conf", SettingsProbeLogger.Quadratic(marker));
        var password = _cli.Write("password", broker.Password);

        // --workers 1: the seed's own node joins through the broker, like a remote one, and is handed the configuration there.
        int code = await _cli.RunAsync("train", conf, "--run-dir", Path.Combine(_cli.Root, "run"), "--broker", broker.Uri, "--broker-password-file", password, "--workers", "1");

        Assert.True(code == 0, _cli.Error);
        Assert.Contains($"es-seed: {marker}, loglevel DEBUG", SettingsProbeLogger.Seen);
        Assert.Contains($"es-node: {marker}, loglevel DEBUG", SettingsProbeLogger.Seen);
    }
}
