using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Es.TestKit;
using Xunit.Abstractions;

namespace Es.Node.Tests.Cluster;

/// <summary>
/// Several hosts for real: the seed and two worker nodes each in a network namespace of its
/// own, with its own address on a bridge (<see cref="NetworkLab"/>). Pulling a worker's cable
/// is a silent failure (no reset, no close): only Akka's failure detector notices it. Needs
/// root; fails (does not skip) without it.
/// </summary>
[Collection(MultiHostCollection.Name)]
public sealed class MultiHostTests(ITestOutputHelper output)
{
    private static bool IsProgress(string line) => line.StartsWith("gen ", StringComparison.Ordinal) && line.Contains('/', StringComparison.Ordinal);

    [Fact]
    public async Task WorkerLinkCutMidGeneration_TasksPutBack_SameThetaAsEmbedded_WorkerRejoinsWhenLinkReturns()
    {
        var clock = Stopwatch.StartNew();
        void Mark(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
        using var lab = NetworkLab.Create("seed", "w1", "w2");
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        // Enough generations that the run is still going when the cut node has been downed and
        // has rejoined: a generation takes a fraction of a second.
        var config = scene.WriteConfig(generations: 60, population: 256, candidatesPerTask: 4);
        var expected = await scene.ReferenceHashAsync(config, deadline.Token);
        Mark("embedded reference run done");
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"{lab.Address("seed")}:2552";
        using var seed = HostProcess.InNamespace(lab.Namespace("seed"), "es-seed.dll", "seed", scene.Environment, "train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0");
        using var cut = HostProcess.InNamespace(lab.Namespace("w1"), "es-node.dll", "cut", scene.Environment, "--seed-node", seedAt, "--listen", $"{lab.Address("w1")}:0", "--workers", "1");
        using var survivor = HostProcess.InNamespace(lab.Namespace("w2"), "es-node.dll", "survivor", scene.Environment, "--seed-node", seedAt, "--listen", $"{lab.Address("w2")}:0", "--workers", "1");

        var scoring = await cut.WaitForLineAsync(l => ClusterRunTests.IsScoring(l) && HostProcess.GenerationOf(l) >= 3, deadline.Token);
        await RequireAsync(scoring, cut, deadline.Token);
        int cutAt = HostProcess.GenerationOf(scoring);
        lab.Cut("w1");
        Mark($"cut w1 while it scores generation {cutAt}");

        // The seed finds it unreachable, puts its tasks back, then downs it: the run goes on without it.
        var lost = await seed.WaitForLineAsync(l => l.StartsWith("node ", StringComparison.Ordinal) && l.Contains(" lost (", StringComparison.Ordinal), deadline.Token);
        await RequireAsync(lost, seed, deadline.Token);
        var progressed = await seed.WaitForLineAsync(IsProgress, deadline.Token);
        await RequireAsync(progressed, seed, deadline.Token);
        Mark($"seed: {lost}; then {progressed}");

        // The link returns: the cut node finds itself removed (downed on its own side, or
        // quarantined by the seed's) and rejoins as a new incarnation. The survivor is frozen
        // meanwhile, so the run cannot end before the cut node is back (a node that comes back
        // after the end has no run to join: it would wait).
        survivor.Signal("STOP");
        lab.Restore("w1");
        Mark("froze the survivor, restored w1");
        var removed = await cut.WaitForLineAsync(l => l.Contains("removed from the cluster", StringComparison.Ordinal), deadline.Token);
        await RequireAsync(removed, cut, deadline.Token);
        var rejoined = await cut.WaitForLineAsync(l => l.StartsWith("joined run ", StringComparison.Ordinal), deadline.Token);
        await RequireAsync(rejoined, cut, deadline.Token);
        var scoresAgain = await cut.WaitForLineAsync(ClusterRunTests.IsScoring, deadline.Token);
        await RequireAsync(scoresAgain, cut, deadline.Token);
        Mark($"cut node rejoined ({rejoined}) and scores ({scoresAgain})");
        survivor.Signal("CONT");

        var log = await seed.WaitForExitAsync(deadline.Token);
        Mark("seed exited");
        Assert.True(seed.ExitCode == 0, log);
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        var summary = ClusterScene.Summary(runDir);
        Assert.Equal(60, summary.GetProperty("generations_completed").GetInt32());
        Assert.True(summary.GetProperty("tasks_redelivered").GetInt64() > 0, log);
        Assert.True(summary.GetProperty("nodes_lost").GetInt32() >= 1, log);
        var cutLog = await cut.WaitForExitAsync(deadline.Token);
        Assert.True(cut.ExitCode == 0, cutLog);
        Mark("seed and cut node exited");
        // The survivor, frozen long enough to be downed, may have rejoined after the run was
        // over; then it waits for a coordinator. Disposing it ends it by process id.
    }

    /// <summary>Fails with the host's whole output when it ended without printing the awaited line.</summary>
    private static async Task RequireAsync([NotNull] string? line, HostProcess host, CancellationToken deadline)
    {
        if (line is null)
        {
            Assert.Fail($"{host.Name} ended before the awaited line:\n{await host.WaitForExitAsync(deadline)}");
        }
    }
}

/// <summary>
/// The multi-host test runs alone: it acts on a node's progress lines, and with the other
/// cluster tests competing for two cores its reaction would lag behind the node.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiHostCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "multi-host";
}
