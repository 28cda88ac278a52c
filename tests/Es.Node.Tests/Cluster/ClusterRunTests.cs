namespace Es.Node.Tests.Cluster;

/// <summary>
/// A seed and worker nodes as real processes in an Akka.Cluster on loopback: whatever happens
/// to the worker nodes, the run ends with the θ of the embedded run of the same configuration.
/// </summary>
public sealed class ClusterRunTests
{
    internal static bool IsScoring(string line) => line.StartsWith("gen ", StringComparison.Ordinal) && line.EndsWith(": scoring", StringComparison.Ordinal);

    [Fact]
    public async Task KillNineOneWorkerMidGeneration_RunCompletes_SameThetaAsEmbedded_TasksRedelivered()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var config = scene.WriteConfig(generations: 8, population: 256, candidatesPerTask: 4);
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0");
        using var doomed = HostProcess.Node("doomed", scene.Environment, "--seed-node", seedAt, "--workers", "1");
        using var survivor = HostProcess.Node("survivor", scene.Environment, "--seed-node", seedAt, "--workers", "1");

        // Freeze the doomed node once it holds tasks of generation 3, then kill it: it dies
        // holding them, and the coordinator must put them back for the survivor.
        Assert.NotNull(await doomed.WaitForLineAsync(l => IsScoring(l) && HostProcess.GenerationOf(l) >= 3, deadline.Token));
        doomed.Signal("STOP");
        await doomed.KillHardAsync(deadline.Token);

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        var summary = ClusterScene.Summary(runDir);
        Assert.True(summary.GetProperty("tasks_redelivered").GetInt64() > 0, log);
        Assert.True(summary.GetProperty("candidates_retried").GetInt64() > 0, log);
        Assert.True(summary.GetProperty("nodes_lost").GetInt32() >= 1, log);
        Assert.Equal(8, summary.GetProperty("generations_completed").GetInt32());
        var survivorLog = await survivor.WaitForExitAsync(deadline.Token);
        Assert.True(survivor.ExitCode == 0, survivorLog);
    }

    [Fact]
    public async Task SeedStoppedWithSigterm_RecordsTheRoundInProgressAndEndsInterrupted_ResumedOnAClusterReachesTheEmbeddedTheta()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var config = scene.WriteConfig(generations: 12, population: 128, candidatesPerTask: 4);
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0");
        using var node = HostProcess.Node("node", scene.Environment, "--seed-node", seedAt, "--workers", "2");
        Assert.NotNull(await node.WaitForLineAsync(l => IsScoring(l) && HostProcess.GenerationOf(l) >= 2, deadline.Token));
        seed.Signal("TERM");

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 130, log);
        var summary = ClusterScene.Summary(runDir);
        Assert.Equal("interrupted", summary.GetProperty("status").GetString());
        Assert.InRange(summary.GetProperty("generations_completed").GetInt32(), 2, 11);
        var nodeLog = await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, nodeLog);

        // Resumed as the seed of a new cluster: its coordinator recovers the interrupted run.
        string resumeAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var resume = HostProcess.Seed(scene.Environment, "resume", runDir, "--listen", resumeAt, "--workers", "0");
        using var next = HostProcess.Node("next", scene.Environment, "--seed-node", resumeAt, "--workers", "2");
        var resumeLog = await resume.WaitForExitAsync(deadline.Token);
        Assert.True(resume.ExitCode == 0, resumeLog);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        Assert.Equal("finished", ClusterScene.Summary(runDir).GetProperty("status").GetString());
        var nextLog = await next.WaitForExitAsync(deadline.Token);
        Assert.True(next.ExitCode == 0, nextLog);
    }

    [Fact]
    public async Task TwoNodeClusterOnlyWorkerKilled_SeedStaysUp_FinishesWhenANewWorkerJoins()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var config = scene.WriteConfig(generations: 6, population: 128, candidatesPerTask: 4);
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0");
        using var only = HostProcess.Node("only", scene.Environment, "--seed-node", seedAt, "--workers", "1");
        Assert.NotNull(await only.WaitForLineAsync(l => IsScoring(l) && HostProcess.GenerationOf(l) >= 2, deadline.Token));
        only.Signal("STOP");
        await only.KillHardAsync(deadline.Token);

        // The seed must see it lost (downed and removed), not down itself: it says so and stays up.
        await seed.ExpectLineAsync(l => l.StartsWith("node ", StringComparison.Ordinal) && l.Contains(" lost (", StringComparison.Ordinal), deadline.Token);
        using var next = HostProcess.Node("next", scene.Environment, "--seed-node", seedAt, "--workers", "2");

        string log;
        try
        {
            log = await seed.WaitForExitAsync(deadline.Token);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n[next so far]\n{next.Output}", e);
        }

        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        var summary = ClusterScene.Summary(runDir);
        Assert.True(summary.GetProperty("nodes_lost").GetInt32() >= 1, log);
        Assert.Equal(6, summary.GetProperty("generations_completed").GetInt32());
        var nextLog = await next.WaitForExitAsync(deadline.Token);
        Assert.True(next.ExitCode == 0, nextLog);
    }

    [Fact]
    public async Task LateJoinerAtOneMillionParameters_ReceivesThetaOnceInChunksAndScores_SameThetaAsEmbedded()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        // 3 → 1024 → 1024 → 1: 1,054,721 parameters; θ with Adam's moments is 12 MB, about 190 chunks.
        var config = scene.WriteConfig(generations: 4, population: 16, candidatesPerTask: 2, hidden: "[1024, 1024]", tableSize: 2097152, episodes: 1);
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0");
        using var first = HostProcess.Node("first", scene.Environment, "--seed-node", seedAt, "--workers", "1");

        // Pause the only node mid-generation: the round cannot finish without help, so the late
        // joiner joins mid-run and must score part of it.
        var scoring = await first.WaitForLineAsync(l => IsScoring(l) && HostProcess.GenerationOf(l) >= 1, deadline.Token);
        Assert.NotNull(scoring);
        first.Signal("STOP");
        using var late = HostProcess.Node("late", scene.Environment, "--seed-node", seedAt, "--workers", "1");
        var joined = await late.ExpectLineAsync(l => l.StartsWith("joined run ", StringComparison.Ordinal), deadline.Token);
        Assert.Contains("snapshot 12,", joined, StringComparison.Ordinal); // θ and both Adam moments: 3 × 4.2 MB
        Assert.NotNull(await late.WaitForLineAsync(IsScoring, deadline.Token));
        first.Signal("CONT");

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        var lateLog = await late.WaitForExitAsync(deadline.Token);
        Assert.True(late.ExitCode == 0, lateLog);
        Assert.DoesNotContain("resynchronised", lateLog, StringComparison.Ordinal); // θ crossed the network once
        var summary = ClusterScene.Summary(runDir);
        Assert.Equal(2, summary.GetProperty("nodes_up").GetInt32() + summary.GetProperty("nodes_lost").GetInt32());
    }
}
