using Es.TestKit;

namespace Es.Node.Tests.Cluster;

/// <summary>The coordinator singleton: a second seed on the same run stands by, then takes over from the shared PostgreSQL journal.</summary>
public sealed class StandbySeedTests : IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _postgres;

    public StandbySeedTests(PostgresFixture postgres) => _postgres = postgres;

    [Fact]
    public async Task ActiveSeedKilled_StandbyTakesOverWithHigherEpoch_SameThetaAsEmbedded()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var expected = await scene.ReferenceHashAsync(scene.WriteConfig(generations: 10, population: 256, candidatesPerTask: 4), deadline.Token);
        var config = scene.WriteConfig(generations: 10, name: "postgres.json", persistence: "\"postgres\"", population: 256, candidatesPerTask: 4);
        var environment = scene.Environment;
        environment["ES_POSTGRES_CONNECTION"] = _postgres.Server.ConnectionString;
        var runId = "standby-" + Guid.NewGuid().ToString("N")[..8];
        var activeDir = Path.Combine(scene.Root, "a", runId);
        var standbyDir = Path.Combine(scene.Root, "b", runId);
        string activeAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        string standbyAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var active = HostProcess.Seed(environment, "train", config, "--run-dir", activeDir, "--listen", activeAt, "--workers", "0");
        Assert.NotNull(await active.WaitForLineAsync(l => l.StartsWith("coordinating run", StringComparison.Ordinal), deadline.Token));
        using var standby = HostProcess.Seed(environment, "train", config, "--run-dir", standbyDir, "--listen", standbyAt, "--seed-node", activeAt, "--workers", "0");
        await standby.ExpectLineAsync(l => l.StartsWith("standby:", StringComparison.Ordinal), deadline.Token);
        using var node = HostProcess.Node("node", environment, "--seed-node", activeAt, "--workers", "2");

        Assert.NotNull(await active.WaitForLineAsync(l => l.StartsWith("gen 3/", StringComparison.Ordinal), deadline.Token));
        await active.KillHardAsync(deadline.Token);

        var takeover = await standby.ExpectLineAsync(l => l.StartsWith("taking over run", StringComparison.Ordinal), deadline.Token);
        Assert.Contains("coordinator epoch 2", takeover, StringComparison.Ordinal);
        var log = await standby.WaitForExitAsync(deadline.Token);
        Assert.True(standby.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(standbyDir));
        var nodeLog = await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, nodeLog);
    }

    [Fact]
    public async Task ActiveSeedFinishes_StandbyFindsTheRunOver_DoesNotTrainItAgain()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var config = scene.WriteConfig(generations: 3, name: "postgres.json", persistence: "\"postgres\"");
        var environment = scene.Environment;
        environment["ES_POSTGRES_CONNECTION"] = _postgres.Server.ConnectionString;
        var runId = "over-" + Guid.NewGuid().ToString("N")[..8];
        string activeAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var active = HostProcess.Seed(environment, "train", config, "--run-dir", Path.Combine(scene.Root, "a", runId), "--listen", activeAt, "--workers", "0");
        Assert.NotNull(await active.WaitForLineAsync(l => l.StartsWith("coordinating run", StringComparison.Ordinal), deadline.Token));
        var standbyDir = Path.Combine(scene.Root, "b", runId);
        using var standby = HostProcess.Seed(environment, "train", config, "--run-dir", standbyDir, "--listen", $"127.0.0.1:{ClusterScene.FreePort()}", "--seed-node", activeAt, "--workers", "0");
        Assert.NotNull(await standby.WaitForLineAsync(l => l.StartsWith("standby:", StringComparison.Ordinal), deadline.Token));
        using var node = HostProcess.Node("node", environment, "--seed-node", activeAt, "--workers", "2");

        var activeLog = await active.WaitForExitAsync(deadline.Token);
        Assert.True(active.ExitCode == 0, activeLog);
        await standby.ExpectLineAsync(l => l.Contains("is already over", StringComparison.Ordinal), deadline.Token);
        var log = await standby.WaitForExitAsync(deadline.Token);
        Assert.True(standby.ExitCode == 0, log);
        Assert.False(File.Exists(Path.Combine(standbyDir, "summary.json")), log);
    }
}
