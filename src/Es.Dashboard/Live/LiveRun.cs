using Es.Dashboard.Model;
using Es.Dashboard.Nodes;
using Es.Dashboard.Runs;
using Es.Dashboard.Server;

namespace Es.Dashboard.Live;

/// <summary>
/// The run this process trains, as the dashboard sees it: its rounds, status and nodes, fanned
/// out to every connected browser and to <c>/metrics</c>. Writers (the coordinator's observer)
/// never wait: a round is appended under a short lock and offered to bounded client feeds.
/// </summary>
public sealed class LiveRun : IRunCatalog, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<GenerationPoint> _points = [];
    private readonly List<ClientFeed> _clients = [];
    private readonly INodeDirectory _nodes;
    private RunInfo? _info;
    private string _configJson = "{}";
    private string? _summaryJson;

    /// <summary>Creates the live run, its cluster panel fed by <paramref name="nodes"/>.</summary>
    public LiveRun(INodeDirectory nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = nodes;
        _nodes.Changed += OnNodesChanged;
        Metrics.Nodes(_nodes.Snapshot());
    }

    /// <summary>The run's Prometheus metrics.</summary>
    public RunMetrics Metrics { get; } = new();

    /// <summary>The cluster panel's source.</summary>
    public INodeDirectory Nodes => _nodes;

    /// <summary>Browsers connected now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Names the run once its directory exists; its status is then "running".</summary>
    public void Start(RunInfo info, string configJson)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_gate)
        {
            _info = info with { Status = "running", Generations = _points.Count };
            _configJson = configJson;
        }

        Metrics.Started(info);
        Broadcast(new ServerEvent("run", DashboardJson.Serialize(info)));
    }

    /// <summary>Forgets the rounds (a resumed run replays them again).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _points.Clear();
        }

        Broadcast(new ServerEvent("reset", "{}"));
    }

    /// <summary>Records a completed round and sends it to every browser.</summary>
    public void Add(GenerationPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        lock (_gate)
        {
            _points.Add(point);
        }

        Metrics.Add(point);
        Broadcast(new ServerEvent("point", DashboardJson.Serialize(point)));
    }

    /// <summary>The run ended: <paramref name="status"/> as in <c>summary.json</c>.</summary>
    public void Finish(string status, string? summaryJson)
    {
        lock (_gate)
        {
            _summaryJson = summaryJson;
            if (_info is not null)
            {
                _info = _info with { Status = status };
            }
        }

        Broadcast(new ServerEvent("status", DashboardJson.Serialize(new { status, summary = summaryJson })));
    }

    /// <summary>Connects a browser: it gets every event from now on (read the run first, then follow).</summary>
    public ClientFeed Subscribe()
    {
        var feed = new ClientFeed();
        lock (_gate)
        {
            _clients.Add(feed);
        }

        return feed;
    }

    /// <summary>Disconnects a browser.</summary>
    public void Unsubscribe(ClientFeed feed)
    {
        lock (_gate)
        {
            _clients.Remove(feed);
        }

        feed.Complete();
    }

    /// <inheritdoc/>
    public IReadOnlyList<RunInfo> List()
    {
        lock (_gate)
        {
            return _info is null ? [] : [Current()];
        }
    }

    /// <inheritdoc/>
    public RunView? Find(string runId)
    {
        lock (_gate)
        {
            return _info is null || _info.RunId != runId ? null : new RunView(Current(), _configJson, [.. _points], _summaryJson);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _nodes.Changed -= OnNodesChanged;
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Complete();
            }

            _clients.Clear();
        }
    }

    private RunInfo Current() => _info! with { Generations = _points.Count, BestEvalReturn = RunFiles.Best(_points) };

    private void OnNodesChanged(object? sender, EventArgs e)
    {
        var nodes = _nodes.Snapshot();
        Metrics.Nodes(nodes);
        Broadcast(new ServerEvent("nodes", DashboardJson.Serialize(nodes)));
    }

    private void Broadcast(ServerEvent item)
    {
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Offer(item);
            }
        }
    }
}
