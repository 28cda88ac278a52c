using System.Collections.Concurrent;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Supervision;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Rollouts;

namespace Es.TestKit;

/// <summary>
/// A cluster of N nodes × M evaluators in one process: one Akka.NET actor system on
/// Akka.TestKit's virtual time (<see cref="SimulatedScheduler"/>), one evaluator pool per
/// simulated node, a coordinator, all over
/// one <see cref="InMemoryFabric"/>, with faults injected on demand: crash or stall an
/// evaluator, kill a node, intercept (drop, delay, duplicate) result messages. Time moves
/// only when the test advances <see cref="Clock"/>, so deadlines and backoff never make a
/// test sleep.
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly EvaluatorFaults[,] _faults;
    private readonly IActorRef[] _nodes;
    private readonly RecordingObserver _observer = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Channel<string> _logLines = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<(IActorRef Actor, Exception Reason)> _topLevelFailures = new();
    private readonly Channel<int> _tasksTaken = Channel.CreateUnbounded<int>();
    private readonly TrainingSession _session;
    private readonly TrainingConfig _config;
    private readonly ActorHost _host;
    private IActorRef? _coordinator;
    private int _taken;

    private SimulatedCluster(SimulationSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentOutOfRangeException.ThrowIfLessThan(setup.Nodes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(setup.EvaluatorsPerNode, 1);
        var config = setup.Config;
        _config = config;
        _host = ActorHost.Start("simulation", line =>
        {
            _log.Enqueue(line);
            _logLines.Writer.TryWrite(line);
        }, ConfigurationFactory.ParseString(SimulatedScheduler.Hocon).WithFallback(RunPersistence.InMemory));
        _host.TopLevelFailure += (actor, reason) =>
        {
            _topLevelFailures.Enqueue((actor, reason));
            _host.System.Log.Warning($"{actor.Path}: failed and was stopped ({reason.GetType().Name}: {reason.Message})");
            if (actor.Equals(_coordinator))
            {
                _observer.Fail(reason);
            }
        };
        Fabric.TakeObserver = _ => _tasksTaken.Writer.TryWrite(Interlocked.Increment(ref _taken));
        _faults = new EvaluatorFaults[setup.Nodes, setup.EvaluatorsPerNode];
        _nodes = new IActorRef[setup.Nodes];
        var restarts = setup.Restarts ?? new RestartPolicy(config.Supervision.MaxRestarts, TimeSpan.FromSeconds(config.Supervision.RestartWindowSeconds), Backoff: null);
        var settings = EvaluatorSupervision.Settings(config);
        for (int node = 0; node < setup.Nodes; node++)
        {
            for (int i = 0; i < setup.EvaluatorsPerNode; i++)
            {
                _faults[node, i] = new EvaluatorFaults();
            }

            int n = node;
            Props EvaluatorProps(IActorRef pool, int i) => EvaluatorActor.Props(
                () => new CandidateEvaluator(new SimulatedProblem(ProblemFactory.Create(config), _faults[n, i]), setup.Noise, config.Seed, config.Strategy.EpisodesPerCandidate),
                settings);
            // Blocking here keeps Create synchronous for the tests; the guardian answers at once.
            _nodes[node] = _host.SpawnAsync(
                EvaluatorPoolActor.Props(Fabric, setup.EvaluatorsPerNode, EvaluatorProps, restarts, Statistics, PoolSettings.From(config.Supervision)),
                $"node-{node}").GetAwaiter().GetResult();
        }

        _session = new TrainingSession(config, setup.Noise, ProblemFactory.Create(config));
    }

    /// <summary>The virtual clock behind every timer, deadline and restart budget.</summary>
    public SimulatedScheduler Clock => (SimulatedScheduler)System.Scheduler;

    /// <summary>The actor system.</summary>
    public ActorSystem System => _host.System;

    /// <summary>The fabric every node and the coordinator share.</summary>
    public InMemoryFabric Fabric { get; } = new();

    /// <summary>Counters of every pool together.</summary>
    public PoolStatistics Statistics { get; } = new();

    /// <summary>The coordinator, once the run has begun.</summary>
    public IActorRef Coordinator => _coordinator ?? throw new InvalidOperationException("The run has not begun.");

    /// <summary>Completes with the run's outcome, or fails when the coordinator fails.</summary>
    public Task<TrainingOutcome> Outcome => _observer.Outcome;

    /// <summary>Every round's report so far.</summary>
    public IReadOnlyList<GenerationReport> Reports => _observer.Reports;

    /// <summary>Every diagnostic line the actor system logged so far.</summary>
    public IReadOnlyCollection<string> Log => _log;

    /// <summary>Top-level actors (nodes, coordinator) that failed and were stopped.</summary>
    public IReadOnlyCollection<(IActorRef Actor, Exception Reason)> TopLevelFailures => _topLevelFailures;

    /// <summary>Builds a cluster whose nodes are starting but whose run has not begun: plan faults, then <see cref="BeginRunAsync"/>.</summary>
    public static SimulatedCluster Create(SimulationSetup setup) => new(setup);

    /// <summary>Builds a cluster and begins its run once every evaluator is up.</summary>
    public static async Task<SimulatedCluster> StartAsync(SimulationSetup setup)
    {
        var cluster = new SimulatedCluster(setup);
        await cluster.BeginRunAsync().ConfigureAwait(false);
        return cluster;
    }

    /// <summary>
    /// Waits (bounded by real time) until every evaluator of every node is up, then starts
    /// the coordinator: the first generation is published. Waiting makes runs comparable:
    /// otherwise a fast node could score a whole short run before a slow one has started.
    /// </summary>
    public async Task BeginRunAsync()
    {
        if (_coordinator is not null)
        {
            throw new InvalidOperationException("The run has already begun.");
        }

        await Task.WhenAll(_faults.Cast<EvaluatorFaults>().Select(f => f.Started)).WaitAsync(TestTimeouts.Default).ConfigureAwait(false);
        var plan = new CheckpointPlan("simulation", _config.Env.Name, "{}", _config.Persistence.SnapshotEvery);
        _coordinator = await _host.SpawnAsync(CoordinatorActor.Props(_session, Fabric, _observer, plan, new RunCheckpoints()), "coordinator").ConfigureAwait(false);
    }

    /// <summary>The pool of simulated node <paramref name="node"/>.</summary>
    public IActorRef Node(int node) => _nodes[node];

    /// <summary>The fault plan of evaluator <paramref name="index"/> on <paramref name="node"/>.</summary>
    public EvaluatorFaults Evaluator(int node, int index) => _faults[node, index];

    /// <summary>The evaluator's next episode throws; it is restarted and its task scored again.</summary>
    public void CrashEvaluator(int node, int index) => _faults[node, index].CrashNext();

    /// <summary>
    /// Kills a node: its pool stops, the tasks it held go back to the fabric, and its
    /// stalled evaluators are released (a dead process holds no threads); their late answers
    /// go nowhere.
    /// </summary>
    public void KillNode(int node)
    {
        System.Stop(_nodes[node]);
        for (int i = 0; i < _faults.GetLength(1); i++)
        {
            _faults[node, i].Release();
        }
    }

    /// <summary>Routes every result through <paramref name="interceptor"/>, which delivers it as often (and whenever) it likes.</summary>
    public void InterceptResults(Action<TaskResult, Action<TaskResult>> interceptor) => Fabric.ResultInterceptor = interceptor;

    /// <summary>Waits (bounded by real time) for the run to end.</summary>
    public Task<TrainingOutcome> RunToEndAsync(TimeSpan? timeout = null) => Outcome.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Waits (bounded by real time) until the system logs a line satisfying
    /// <paramref name="predicate"/>, looking at the lines no earlier call has examined.
    /// </summary>
    public async Task<string> ExpectLogAsync(Func<string, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TestTimeouts.Default);
        while (true)
        {
            var line = await _logLines.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
            if (predicate(line))
            {
                return line;
            }
        }
    }

    /// <summary>Waits (bounded by real time) until the nodes have taken <paramref name="count"/> tasks from the fabric in all.</summary>
    public async Task ExpectTasksTakenAsync(int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        while (Volatile.Read(ref _taken) < count)
        {
            await _tasksTaken.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every actor.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var faults in _faults)
        {
            faults.Release();
        }

        await _host.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class RecordingObserver : IRunObserver
    {
        private readonly TaskCompletionSource<TrainingOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<GenerationReport> _reports = [];

        public Task<TrainingOutcome> Outcome => _outcome.Task;

        public IReadOnlyList<GenerationReport> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void OnRoundCompleted(GenerationReport report)
        {
            lock (_reports)
            {
                _reports.Add(report);
            }
        }

        public void OnFinished(TrainingOutcome outcome) => _outcome.TrySetResult(outcome);

        public void Fail(Exception reason) => _outcome.TrySetException(reason);
    }
}
