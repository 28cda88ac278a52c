using System.Net;
using Es.Dashboard.Live;
using Es.Dashboard.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Es.Dashboard.Server;

/// <summary>
/// The dashboard's web server (Kestrel): the page, its JSON API, the live event stream and
/// <c>/metrics</c>. Started before training so a bad address fails before anything is written.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The address a browser opens.</summary>
    public string Url { get; }

    /// <summary>Serves <paramref name="live"/>: the run this process trains, updating as it goes.</summary>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is in use).</exception>
    public static Task<DashboardServer> StartLiveAsync(DashboardEndpoint endpoint, LiveRun live, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        return StartAsync(endpoint, new DashboardSite(live, live, "live", live.Metrics.Registry), cancellationToken);
    }

    /// <summary>Serves the runs of <paramref name="runs"/>, read-only.</summary>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is in use).</exception>
    public static Task<DashboardServer> StartBrowserAsync(DashboardEndpoint endpoint, IRunCatalog runs, CancellationToken cancellationToken = default)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var listed = Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge("es_dashboard_runs", "Runs the run browser lists.");
        registry.AddBeforeCollectCallback(() => listed.Set(runs.List().Count));
        return StartAsync(endpoint, new DashboardSite(runs, null, "browser", registry), cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // streams end at once; don't hold up exit
        await _app.StopAsync(quick.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<DashboardServer> StartAsync(DashboardEndpoint endpoint, DashboardSite site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        // The empty builder: no configuration files, environment variables or logging providers
        // (the trainer's console is for its progress lines), and less to start up.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "es-dashboard", Args = [] });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(endpoint.Address, endpoint.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        site.Map(app);
        app.MapMetrics("/metrics", site.Registry);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            var reason = e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
                || e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                ? "the port is in use"
                : (e.InnerException ?? e).Message;
            throw new IOException($"cannot listen on {new IPEndPoint(endpoint.Address, endpoint.Port)}: {reason}", e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, endpoint.Url(new Uri(bound).Port));
    }
}
