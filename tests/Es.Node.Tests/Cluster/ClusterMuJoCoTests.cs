namespace Es.Node.Tests.Cluster;

/// <summary>A MuJoCo task scored on a worker node: the node builds the engine's model from the run's configuration.</summary>
public sealed class ClusterMuJoCoTests
{
    [Fact]
    public async Task HalfCheetahOnAWorkerNode_SameThetaAsEmbedded()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var config = Path.Combine(scene.Root, "half-cheetah.json");
        File.WriteAllText(config, """
            { "seed": 3, "generations": 3, "env": { "name": "HalfCheetah-v4" }, "policy": { "hidden": [] },
              "strategy": { "population": 16, "sigma": 0.03 }, "optimizer": { "name": "adam", "learning_rate": 0.02 },
              "obs_norm": { "fraction": 0.1 }, "tasks": { "candidates_per_task": 2 },
              "evaluation": { "every": 3, "episodes": 1, "stop_when_solved": false } }
            """);
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0");
        using var node = HostProcess.Node("node", scene.Environment, "--seed-node", seedAt, "--workers", "2");

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        Assert.Equal(3, ClusterScene.Summary(runDir).GetProperty("generations_completed").GetInt32());
        var nodeLog = await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, nodeLog);
        Assert.Contains("HalfCheetah-v4", nodeLog, StringComparison.Ordinal);
    }
}
