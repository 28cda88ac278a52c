using Es.Actors.Cluster;
using Es.Actors.Hosting;
using Es.Actors.Tests.Training;
using Es.Core.Configuration;
using Es.Core.Strategies;

namespace Es.Actors.Tests.Cluster;

/// <summary>
/// A seed and worker nodes as actor systems of this one process, on loopback: membership
/// changes mid-run (a worker downed, a worker leaving) and every strategy end with the θ of
/// the embedded run of the same configuration, bit for bit.
/// </summary>
public sealed class InProcessClusterTests
{
    /// <summary>Bounds each test: one that would hang fails instead, showing what every member said.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Rounds reported before the cluster changes (the run is under way, with rounds to go).</summary>
    private const int RoundsBefore = 3;

    /// <summary>Candidates a round of <see cref="Paused"/>'s configuration, one episode each; two per task.</summary>
    private const int Population = 48;

    public static TheoryData<string> Strategies() => [.. ConfigLoader.Strategies];

    [Fact]
    public async Task WorkerDownedHoldingTasks_TasksPutBack_RejoinsAsNewIncarnation_SameThetaAsEmbedded()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var (gate, config, expected) = await PausedRunAsync();
        await using var cluster = InProcessCluster.StartSeed(config, TrainingConfigs.Noise);
        var doomed = cluster.StartWorker("doomed");
        var left = cluster.StartWorker("left");
        var right = cluster.StartWorker("right");

        // Every evaluator waits inside a task of the round after RoundsBefore: the doomed node holds some.
        await cluster.Within(cluster.Rounds.Reported(RoundsBefore), deadline.Token);
        await cluster.Within(gate.WhenWaiting(3), deadline.Token);
        var @operator = await cluster.JoinOperatorAsync(deadline.Token);
        @operator.Down(await doomed.AddressAsync(1, deadline.Token));
        string lost = await cluster.Within(cluster.SeedLines.First(l => l.StartsWith("node doomed lost (", StringComparison.Ordinal)), deadline.Token);
        gate.Open();
        await cluster.Within(doomed.AddressAsync(2, deadline.Token), deadline.Token); // "rejoining as a new incarnation (2) as …"

        // The new incarnation may join the run before it ends, or find it over: either is right here.
        AssertRecovered(await cluster.Within(cluster.Seed, deadline.Token), lost, config, expected, cluster);
        Assert.Equal(NodeExit.RunFinished, await cluster.Within(left.Exit, deadline.Token));
        Assert.Equal(NodeExit.RunFinished, await cluster.Within(right.Exit, deadline.Token));
    }

    [Fact]
    public async Task WorkerLeavesMidRound_TasksPutBack_SameThetaAsEmbedded()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var (gate, config, expected) = await PausedRunAsync();
        await using var cluster = InProcessCluster.StartSeed(config, TrainingConfigs.Noise);
        var leaver = cluster.StartWorker("leaver");
        var stayer = cluster.StartWorker("stayer");

        await cluster.Within(cluster.Rounds.Reported(RoundsBefore), deadline.Token);
        await cluster.Within(gate.WhenWaiting(2), deadline.Token);
        await leaver.Stop.CancelAsync();
        string lost = await cluster.Within(cluster.SeedLines.First(l => l.StartsWith("node leaver lost (", StringComparison.Ordinal)), deadline.Token);
        gate.Open();

        Assert.Equal(NodeExit.Stopped, await cluster.Within(leaver.Exit, deadline.Token));
        AssertRecovered(await cluster.Within(cluster.Seed, deadline.Token), lost, config, expected, cluster);
        Assert.Equal(NodeExit.RunFinished, await cluster.Within(stayer.Exit, deadline.Token));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task EachStrategy_TwoWorkerNodes_SameThetaAsEmbedded(string strategy)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var gate = EpisodeGate.Register();
        var config = Tiny(strategy, gate);
        var expected = await EmbeddedThetaAsync(config);
        gate.Close();
        await using var cluster = InProcessCluster.StartSeed(config, TrainingConfigs.Noise);
        var first = cluster.StartWorker("first");
        var second = cluster.StartWorker("second");

        // No episode runs until both nodes have joined the run: both follow it from generation 0 to its end.
        await cluster.Within(first.Lines.First(l => l.StartsWith("joined run ", StringComparison.Ordinal)), deadline.Token);
        await cluster.Within(second.Lines.First(l => l.StartsWith("joined run ", StringComparison.Ordinal)), deadline.Token);
        gate.Open();

        var result = await cluster.Within(cluster.Seed, deadline.Token);
        Assert.True(result.Training is not null, cluster.Transcript);
        Assert.Equal(config.Generations, result.Training.Outcome.GenerationsCompleted);
        AssertSameTheta(expected, result.Training.Outcome.Theta, cluster);
        Assert.Equal(NodeExit.RunFinished, await cluster.Within(first.Exit, deadline.Token));
        Assert.Equal(NodeExit.RunFinished, await cluster.Within(second.Exit, deadline.Token));
    }

    /// <summary>
    /// A configuration whose gate closes early in the round after <see cref="RoundsBefore"/>
    /// (armed once the embedded run has given the θ to reach, and not before).
    /// </summary>
    private static async Task<(EpisodeGate Gate, TrainingConfig Config, string Expected)> PausedRunAsync()
    {
        var gate = EpisodeGate.Register();
        var config = Paused(gate);
        var expected = await EmbeddedThetaAsync(config);
        gate.CloseAtEpisode(EarlyInRoundAfter(config));
        return (gate, config, expected);
    }

    /// <summary>The run lost a node holding tasks, put them back, and still ended where the embedded run did.</summary>
    private static void AssertRecovered(ClusterTrainingResult result, string lost, TrainingConfig config, string expected, InProcessCluster cluster)
    {
        Assert.True(result.Training is not null, cluster.Transcript);
        Assert.DoesNotContain(" 0 task(s) put back", lost, StringComparison.Ordinal);
        Assert.True(result.Cluster.TasksRedelivered > 0, cluster.Transcript);
        Assert.True(result.Cluster.NodesLost >= 1, cluster.Transcript);
        Assert.Equal(config.Generations, result.Training.Outcome.GenerationsCompleted);
        AssertSameTheta(expected, result.Training.Outcome.Theta, cluster);
    }

    /// <summary>CartPole behind <paramref name="gate"/>, <see cref="Population"/> candidates in 24 tasks a round, a few rounds after the pause.</summary>
    private static TrainingConfig Paused(EpisodeGate gate)
    {
        var config = TrainingConfigs.CartPole(generations: RoundsBefore + 3);
        return config with
        {
            Env = config.Env with { Name = gate.EnvironmentName },
            Strategy = config.Strategy with { Population = Population, EpisodesPerCandidate = 1 },
            Tasks = config.Tasks with { CandidatesPerTask = 2 },
            Supervision = Patient(config),
        };
    }

    /// <summary>
    /// The sixth episode of the round after the first <see cref="RoundsBefore"/>: each of those
    /// rounds runs one episode per candidate, and evaluation episodes where the generation is a
    /// positive multiple of <c>evaluation.every</c>. The gate closes there, so the round has
    /// most of its tasks still to hand out: every node soon holds one and waits in it.
    /// </summary>
    private static long EarlyInRoundAfter(TrainingConfig config)
    {
        long before = (long)RoundsBefore * Population;
        for (int generation = 1; generation < RoundsBefore; generation++)
        {
            before += generation % config.Evaluation.Every == 0 ? config.Evaluation.Episodes : 0;
        }

        return before + 6;
    }

    /// <summary>Each strategy on a small CartPole run, with the settings it needs (as in the session's strategy tests).</summary>
    private static TrainingConfig Tiny(string strategy, EpisodeGate gate)
    {
        var config = TrainingConfigs.CartPole(generations: 4);
        return config with
        {
            Env = config.Env with { Name = gate.EnvironmentName },
            Strategy = config.Strategy with { Name = strategy, Population = ConfigLoader.MirroredStrategies.Contains(strategy) ? 16 : 15, Truncation = 4, TopDirections = 4 },
            Optimizer = strategy == "pgpe" ? new OptimizerOptions { Name = "clipup", LearningRate = 0.1 } : config.Optimizer,
            Supervision = Patient(config),
        };
    }

    /// <summary>
    /// Task deadlines no wait at the gate reaches: an episode held there must not be taken for
    /// a hung one (restarted, given up on after max_attempts and counted failed, which changes θ).
    /// </summary>
    private static SupervisionOptions Patient(TrainingConfig config) => config.Supervision with { TaskDeadlineSeconds = 3600 };

    private static async Task<string> EmbeddedThetaAsync(TrainingConfig config)
    {
        var result = await EmbeddedTraining.RunAsync(config, TrainingConfigs.Noise, 2, new RoundWatch(), CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(config.Generations, result.Outcome.GenerationsCompleted);
        return Hash(result.Outcome.Theta);
    }

    private static void AssertSameTheta(string expected, float[] theta, InProcessCluster cluster)
    {
        string actual = Hash(theta);
        Assert.True(expected == actual, $"θ {actual}, embedded {expected}; the cluster:\n{cluster.Transcript}");
    }

    /// <summary>θ's SHA-256 as summary.json's <c>theta_sha256</c> has it.</summary>
    private static string Hash(float[] theta) => ThetaHash.ComputeHex(theta);
}
