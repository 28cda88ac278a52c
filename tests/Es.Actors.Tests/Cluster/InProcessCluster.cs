using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Akka.Actor;
using Es.Actors.Cluster;
using Es.Actors.Hosting;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;

namespace Es.Actors.Tests.Cluster;

/// <summary>
/// A seed (<see cref="ClusterTraining"/>, coordinating only) and worker nodes
/// (<see cref="ClusterNode"/>), each its own actor system in this process, on loopback.
/// Disposing it stops every member it started, whatever the test did.
/// </summary>
internal sealed partial class InProcessCluster : IAsyncDisposable
{
    /// <summary>How long a member may take to stop once asked; past it the test fails on disposal.</summary>
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _transcript = new();
    private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();
    private readonly CancellationTokenSource _seedStop = new();
    private readonly List<Worker> _workers = [];
    private readonly List<ActorHost> _operators = [];

    private InProcessCluster(ClusterEndpoint seedAt, RoundWatch rounds)
    {
        SeedAt = seedAt;
        Rounds = rounds;
        SeedLines = new SayLines("seed", Note);
    }

    /// <summary>Where the seed listens (what workers join through).</summary>
    public ClusterEndpoint SeedAt { get; }

    /// <summary>The seed's progress and membership lines.</summary>
    public SayLines SeedLines { get; }

    /// <summary>Every round the coordinator completed.</summary>
    public RoundWatch Rounds { get; }

    /// <summary>The seed's part in the run.</summary>
    public Task<ClusterTrainingResult> Seed { get; private set; } = null!;

    /// <summary>Everything every member said and logged, for assertion messages.</summary>
    public string Transcript => string.Join('\n', _transcript);

    /// <summary>Starts a seed node coordinating <paramref name="config"/> (in-memory journal, no local evaluators).</summary>
    /// <param name="config">The run.</param>
    /// <param name="noise">Its noise table.</param>
    public static InProcessCluster StartSeed(TrainingConfig config, NoiseTable noise)
    {
        var cluster = new InProcessCluster(new ClusterEndpoint("127.0.0.1", FreePort()), new RoundWatch());
        var options = new ClusterOptions(cluster.SeedAt, null, [], Coordinator: true);
        var run = new SeedRun("run", config, noise, Checkpointing.InMemory(config), LocalWorkers: 0, () => Task.FromResult(false));
        cluster.Seed = Task.Run(() => ClusterTraining.RunAsync(options, run, cluster.Rounds, cluster.SeedLines.Add, cluster.Log("seed"), cluster._seedStop.Token));
        return cluster;
    }

    /// <summary>Starts a worker node named <paramref name="name"/> with one evaluator, joining through the seed.</summary>
    public Worker StartWorker(string name)
    {
        var lines = new SayLines(name, Note);
        var stop = new CancellationTokenSource();
        var options = new ClusterOptions(new ClusterEndpoint("127.0.0.1", 0), null, [SeedAt], Coordinator: false);
        var exit = Task.Run(() => ClusterNode.RunAsync(options, new NodeIdentity(name, 1), lines.Add, Log(name), stop.Token));
        var worker = new Worker(name, lines, stop, exit);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>
    /// An extra member with no role and no pool, up in the cluster: what an operator's tool
    /// would be. Tests use it to down a worker (<c>Cluster.Down</c>) from outside that worker.
    /// </summary>
    public async Task<Akka.Cluster.Cluster> JoinOperatorAsync(CancellationToken deadline)
    {
        var options = new ClusterOptions(new ClusterEndpoint("127.0.0.1", 0), null, [SeedAt], Coordinator: false);
        var host = ActorHost.Start(ClusterProtocol.SystemName, Log("operator"), options.ToConfig());
        _operators.Add(host);
        var cluster = Akka.Cluster.Cluster.Get(host.System);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(up.SetResult);
        await up.Task.WaitAsync(deadline);
        return cluster;
    }

    /// <summary><paramref name="awaited"/>, or a failure showing everything the members said when <paramref name="deadline"/> comes first.</summary>
    public async Task<T> Within<T>(Task<T> awaited, CancellationToken deadline)
    {
        try
        {
            return await awaited.WaitAsync(deadline);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"the test's deadline came first; the cluster so far:\n{Transcript}", e);
        }
    }

    /// <summary><see cref="Within{T}(Task{T}, CancellationToken)"/> for a task with no result.</summary>
    public Task Within(Task awaited, CancellationToken deadline) => Within(awaited.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), deadline);

    /// <summary>Asks every member to stop (the seed finishes its round, workers leave) and waits until each has.</summary>
    public async ValueTask DisposeAsync()
    {
        _seedStop.Cancel();
        foreach (var worker in _workers)
        {
            worker.Stop.Cancel();
        }

        var failures = new List<Exception>();
        async Task Await(Task member)
        {
            try
            {
                await member.WaitAsync(StopPatience);
            }
            catch (TimeoutException e)
            {
                failures.Add(e);
            }
            catch (Exception)
            {
                // the test reports how its members ended; here only that they did
            }
        }

        await Await(Seed);
        foreach (var worker in _workers)
        {
            await Await(worker.Exit);
            worker.Stop.Dispose();
        }

        foreach (var host in _operators)
        {
            await host.DisposeAsync();
        }

        _seedStop.Dispose();
        if (failures.Count > 0)
        {
            throw new AggregateException("a cluster member did not stop", failures);
        }
    }

    /// <summary>A loopback port nothing listens on now (the seed binds it next).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Action<string> Log(string member) => line => Note($"[{member} akka] {line}");

    /// <summary>A transcript line, stamped with the seconds since the seed started (where a slow test spends its time).</summary>
    private void Note(string line) => _transcript.Enqueue($"{_since.Elapsed.TotalSeconds,7:F2} {line}");

    /// <summary>A worker node running in this process.</summary>
    /// <param name="Name">Its node id.</param>
    /// <param name="Lines">What it says.</param>
    /// <param name="Stop">Cancel: it leaves the cluster.</param>
    /// <param name="Exit">How it ended.</param>
    internal sealed partial record Worker(string Name, SayLines Lines, CancellationTokenSource Stop, Task<NodeExit> Exit)
    {
        /// <summary>Its cluster address in its <paramref name="incarnation"/>-th actor system, from the line it says on joining.</summary>
        public async Task<Address> AddressAsync(int incarnation, CancellationToken deadline)
        {
            string line = await Lines.First(l => JoiningLine(incarnation).IsMatch(l)).WaitAsync(deadline);
            return Address.Parse(JoiningLine(incarnation).Match(line).Groups["address"].Value);
        }

        private static Regex JoiningLine(int incarnation) => incarnation == 1
            ? FirstJoin()
            : new Regex($@"rejoining as a new incarnation \({incarnation}\) as (?<address>\S+)$", RegexOptions.CultureInvariant);

        [GeneratedRegex(@"joining the cluster through .* as (?<address>\S+)$", RegexOptions.CultureInvariant)]
        private static partial Regex FirstJoin();
    }
}

/// <summary>The rounds the coordinator reported; a test awaits a number of them.</summary>
internal sealed class RoundWatch : IRunObserver
{
    private readonly CountWatch _rounds = new();

    /// <summary>Completes once <paramref name="count"/> rounds have been reported.</summary>
    public Task Reported(int count) => _rounds.AtLeast(count);

    /// <inheritdoc/>
    public void OnRoundCompleted(GenerationReport report) => _rounds.Up();

    /// <inheritdoc/>
    public void OnFinished(TrainingOutcome outcome)
    {
    }
}
