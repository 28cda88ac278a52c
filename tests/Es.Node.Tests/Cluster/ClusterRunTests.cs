namespace Es.Node.Tests.Cluster;

/// <summary>
/// A seed and worker nodes as real processes against a real broker that each test starts
/// on a free port: whatever happens to the nodes or the broker, the run ends with the θ of
/// the embedded run of the same configuration.
/// </summary>
public sealed class ClusterRunTests
{
    private static bool IsScoring(string line) => line.StartsWith("gen ", StringComparison.Ordinal) && line.EndsWith(": scoring", StringComparison.Ordinal);

    [Fact]
    public async Task KillNineOneWorkerMidGeneration_RunCompletes_SameThetaAsEmbedded_TasksRedelivered()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        // 64 tasks a generation: from its first task of a generation until the queue drains, a
        // node holds unacked deliveries (prefetch 2 per evaluator) for far longer than a signal takes.
        var config = scene.WriteConfig(generations: 8, population: 256, candidatesPerTask: 4);
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--broker", scene.Broker.Uri, "--workers", "0");
        using var doomed = HostProcess.Node("doomed", scene.Environment, "--broker", scene.Broker.Uri, "--workers", "1");
        using var survivor = HostProcess.Node("survivor", scene.Environment, "--broker", scene.Broker.Uri, "--workers", "1");

        // Freeze the doomed node the moment it takes a task of generation 3, then kill it:
        // it dies holding unacked tasks, which the broker must hand to the survivor.
        Assert.NotNull(await doomed.WaitForLineAsync(l => IsScoring(l) && HostProcess.GenerationOf(l) >= 3, deadline.Token));
        doomed.Signal("STOP");
        await doomed.KillHardAsync(deadline.Token);

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        var summary = ClusterScene.Summary(runDir);
        Assert.True(summary.GetProperty("tasks_redelivered").GetInt64() > 0, log);
        Assert.Equal(8, summary.GetProperty("generations_completed").GetInt32());
        var survivorLog = await survivor.WaitForExitAsync(deadline.Token);
        Assert.True(survivor.ExitCode == 0, survivorLog);
        Assert.DoesNotContain(scene.Broker.Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.Broker.Password, survivorLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateJoiner_ReceivesThetaOnceAndContributes_SameThetaAsEmbedded()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var config = scene.WriteConfig(generations: 8, population: 256, candidatesPerTask: 4); // slow generations: the freeze lands within one
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--broker", scene.Broker.Uri, "--workers", "0");
        using var first = HostProcess.Node("first", scene.Environment, "--broker", scene.Broker.Uri, "--workers", "1");

        // Pause the only node mid-generation: the round cannot finish without help, so the
        // late joiner joins mid-run, at that generation, and must score part of it.
        var scoring = await first.WaitForLineAsync(l => IsScoring(l) && HostProcess.GenerationOf(l) >= 3, deadline.Token);
        Assert.NotNull(scoring);
        first.Signal("STOP");
        using var late = HostProcess.Node("late", scene.Environment, "--broker", scene.Broker.Uri, "--workers", "1");
        var joined = await late.WaitForLineAsync(l => l.StartsWith("joined run ", StringComparison.Ordinal), deadline.Token);
        Assert.NotNull(joined);
        // It joins where the frozen node stopped: at the generation of the line above, or a
        // little later when the signal landed after the node had moved on (a loaded machine).
        int joinedAt = int.Parse(joined.AsSpan(joined.IndexOf(" at generation ", StringComparison.Ordinal) + 15).ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(joinedAt, HostProcess.GenerationOf(scoring), 7);
        Assert.NotNull(await late.WaitForLineAsync(IsScoring, deadline.Token));
        first.Signal("CONT");

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        var lateLog = await late.WaitForExitAsync(deadline.Token);
        Assert.True(late.ExitCode == 0, lateLog);
        Assert.DoesNotContain("resynchronised", lateLog, StringComparison.Ordinal); // θ crossed the network once
        Assert.Equal(2, ClusterScene.Summary(runDir).GetProperty("nodes_up").GetInt32() + ClusterScene.Summary(runDir).GetProperty("nodes_lost").GetInt32());
    }

    [Fact]
    public async Task BrokerRestartedMidRun_BothSidesReconnect_SameThetaAsEmbedded()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var config = scene.WriteConfig(generations: 8, population: 256, candidatesPerTask: 4); // slow enough that the restart lands mid-run
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--broker", scene.Broker.Uri, "--workers", "0");
        using var node = HostProcess.Node("node", scene.Environment, "--broker", scene.Broker.Uri, "--workers", "2");
        var scoring = await node.WaitForLineAsync(l => IsScoring(l) && HostProcess.GenerationOf(l) >= 3, deadline.Token);
        Assert.True(scoring is not null, await node.WaitForExitAsync(deadline.Token) + await seed.WaitForExitAsync(deadline.Token));
        scene.Broker.Restart();

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        var nodeLog = await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, nodeLog);
    }
}
