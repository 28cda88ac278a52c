using Es.Actors.Cluster;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Dashboard.Live;
using Es.Dashboard.Model;
using Es.Dashboard.Nodes;
using Es.Dashboard.Server;
using Es.Seed.Runs;

namespace Es.Seed.Dashboard;

/// <summary>
/// <c>train --dashboard</c>: the web server of the run this process trains, its live run and
/// its cluster panel. An embedded run's panel has one node, this process.
/// </summary>
internal sealed class LiveDashboard : IAsyncDisposable
{
    /// <summary>The local node's address in an embedded run.</summary>
    public const string LocalAddress = "local";

    private readonly DashboardServer _server;

    private LiveDashboard(DashboardServer server, LiveRun live, NodeBoard nodes)
    {
        _server = server;
        Live = live;
        Nodes = nodes;
    }

    /// <summary>The address a browser opens.</summary>
    public string Url => _server.Url;

    /// <summary>The run as the dashboard shows it.</summary>
    public LiveRun Live { get; }

    /// <summary>The cluster panel's nodes (a cluster host sets them from its membership).</summary>
    public NodeBoard Nodes { get; }

    /// <summary>Parses <paramref name="value"/> (<c>[HOST:]PORT</c>) and starts listening.</summary>
    /// <exception cref="ConfigException">The value is malformed or the address cannot be bound.</exception>
    public static async Task<LiveDashboard> StartAsync(string value, CancellationToken cancellationToken)
    {
        DashboardEndpoint endpoint;
        try
        {
            endpoint = DashboardEndpoint.Parse(value);
        }
        catch (FormatException e)
        {
            throw new ConfigException("--dashboard", string.Empty, e.Message);
        }

        var nodes = new NodeBoard();
        var live = new LiveRun(nodes);
        try
        {
            return new LiveDashboard(await DashboardServer.StartLiveAsync(endpoint, live, cancellationToken).ConfigureAwait(false), live, nodes);
        }
        catch (IOException e)
        {
            live.Dispose();
            throw new ConfigException("--dashboard", string.Empty, e.Message);
        }
    }

    /// <summary>The run directory exists: show the run and this process as its one node.</summary>
    public void Started(TrainingConfig config, RunDirectory run, int workers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(run);
        Live.Start(Info(config, run), File.ReadAllText(run.ConfigPath));
        Nodes.Set(new NodeSnapshot(LocalAddress, "embedded", NodeState.Up, workers, null, 0, 0, 0));
    }

    /// <summary>A cluster run's directory exists: show the run; its nodes come from the returned panel.</summary>
    public IClusterPanel StartedCluster(TrainingConfig config, RunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(run);
        Live.Start(Info(config, run), File.ReadAllText(run.ConfigPath));
        return new ClusterNodePanel(Nodes);
    }

    /// <summary>The observer that feeds the dashboard from the coordinator.</summary>
    public IRunObserver Observer(RunCheckpoints checkpoints, Action<string> warn) => new DashboardObserver(Live, checkpoints, warn);

    private static RunInfo Info(TrainingConfig config, RunDirectory run) =>
        new(run.RunId, config.Env.Name, config.Strategy.Name, config.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), config.Generations, config.Evaluation.Threshold ?? SolvedThresholds.Of(config.Env.Name), "running", 0, null);

    /// <summary>The run ended and its summary is written: show its status and the pool's totals.</summary>
    public void Finished(RunSummary summary, RunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(run);
        Live.Finish(summary.Status, File.ReadAllText(run.SummaryPath));
        if (Nodes.Snapshot().FirstOrDefault(n => n.Address == LocalAddress) is { } local)
        {
            Nodes.Set(local with { Restarts = summary.EvaluatorRestarts, Redeliveries = summary.TasksRedelivered, StaleResults = summary.StaleResults ?? 0 });
        }
    }

    /// <summary>The run failed: say so on the page.</summary>
    public void Failed() => Live.Finish("failed", null);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Live.Dispose(); // ends the browsers' event streams first, so the server stops at once
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
