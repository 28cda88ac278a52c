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

        // The run goes on until the test stops it (SIGTERM, once the cut node works again), however
        // fast the machine: the embedded reference then trains as many generations.
        var config = scene.WriteConfig(generations: 100_000, population: 256, candidatesPerTask: 4);
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

        // Its own side, without the coordinator, downs itself too; the node starts a new
        // incarnation, whose join goes nowhere while the link is cut. The link returns: the
        // new incarnation joins and works.
        var rejoining = await cut.WaitForLineAsync(l => l.Contains("rejoining as a new incarnation", StringComparison.Ordinal), deadline.Token);
        await RequireAsync(rejoining, cut, deadline.Token);
        lab.Restore("w1");
        Mark($"cut node: {rejoining}; restored w1");
        var rejoined = await cut.WaitForLineAsync(l => l.StartsWith("joined run ", StringComparison.Ordinal), deadline.Token);
        await RequireAsync(rejoined, cut, deadline.Token);
        var scoresAgain = await cut.WaitForLineAsync(ClusterRunTests.IsScoring, deadline.Token);
        await RequireAsync(scoresAgain, cut, deadline.Token);
        Mark($"cut node rejoined ({rejoined}) and scores ({scoresAgain})");
        seed.Signal("TERM"); // the round in progress is recorded, the run ends interrupted

        var log = await seed.WaitForExitAsync(deadline.Token);
        Mark("seed exited");
        Assert.True(seed.ExitCode == 130, log);
        var summary = ClusterScene.Summary(runDir);
        Assert.Equal("interrupted", summary.GetProperty("status").GetString());
        int generations = summary.GetProperty("generations_completed").GetInt32();
        var expected = await scene.ReferenceHashAsync(config, deadline.Token, "--generations", generations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Mark($"embedded reference run of {generations} generations done");
        Assert.Equal(expected, ClusterScene.Hash(runDir));
        Assert.True(summary.GetProperty("tasks_redelivered").GetInt64() > 0, log);
        Assert.True(summary.GetProperty("nodes_lost").GetInt32() >= 1, log);
        foreach (var node in new[] { cut, survivor })
        {
            var nodeLog = await node.WaitForExitAsync(deadline.Token);
            Assert.True(node.ExitCode == 0, nodeLog); // told the run is over, each left
        }

        Mark("seed and both nodes exited");
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
