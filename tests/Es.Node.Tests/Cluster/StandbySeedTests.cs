using Es.TestKit;

namespace Es.Node.Tests.Cluster;

/// <summary>The coordinator singleton: a second seed on the same run waits, then takes over from the shared PostgreSQL store.</summary>
public sealed class StandbySeedTests : IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _postgres;

    public StandbySeedTests(PostgresFixture postgres) => _postgres = postgres;

    [Fact]
    public async Task ActiveSeedKilled_StandbyTakesOverWithHigherEpoch_SameThetaAsEmbedded()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var expected = await scene.ReferenceHashAsync(scene.WriteConfig(generations: 10, population: 256, candidatesPerTask: 4), deadline.Token);
        var config = scene.WriteConfig(generations: 10, name: "postgres.json", persistence: "\"postgres\"", population: 256, candidatesPerTask: 4);
        var environment = scene.Environment;
        environment["ES_POSTGRES_CONNECTION"] = _postgres.Server.ConnectionString;
        var runId = "standby-" + Guid.NewGuid().ToString("N")[..8];
        var activeDir = Path.Combine(scene.Root, "a", runId);
        var standbyDir = Path.Combine(scene.Root, "b", runId);
        using var active = HostProcess.Seed(environment, "train", config, "--run-dir", activeDir, "--broker", scene.Broker.Uri, "--workers", "0");
        Assert.NotNull(await active.WaitForLineAsync(l => l.StartsWith("coordinating through", StringComparison.Ordinal), deadline.Token));
        using var standby = HostProcess.Seed(environment, "train", config, "--run-dir", standbyDir, "--broker", scene.Broker.Uri, "--workers", "0");
        Assert.NotNull(await standby.WaitForLineAsync(l => l.StartsWith("standby:", StringComparison.Ordinal), deadline.Token));
        using var node = HostProcess.Node("node", environment, "--broker", scene.Broker.Uri, "--workers", "2");

        Assert.NotNull(await active.WaitForLineAsync(l => l.StartsWith("gen 3/", StringComparison.Ordinal), deadline.Token));
        await active.KillHardAsync(deadline.Token);

        var takeover = await standby.WaitForLineAsync(l => l.StartsWith("taking over run", StringComparison.Ordinal), deadline.Token);
        Assert.NotNull(takeover);
        Assert.Contains("coordinator epoch 2", takeover, StringComparison.Ordinal);
        var log = await standby.WaitForExitAsync(deadline.Token);
        Assert.True(standby.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(standbyDir));
        var nodeLog = await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, nodeLog);
    }
}
