using System.Reflection;
using Es.Dashboard.Live;
using Es.Dashboard.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Es.Dashboard.Server;

/// <summary>The dashboard's routes: the page and its assets, the JSON API and the live event stream.</summary>
/// <param name="Runs">The runs to show.</param>
/// <param name="Live">The live run, whose events <c>/api/events</c> streams; null for the run browser.</param>
/// <param name="Mode">"live" or "browser", for the page.</param>
/// <param name="Registry">What <c>/metrics</c> exports.</param>
internal sealed record DashboardSite(IRunCatalog Runs, LiveRun? Live, string Mode, CollectorRegistry Registry)
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["uPlot.iife.min.js"] = "text/javascript; charset=utf-8",
        ["uPlot.min.css"] = "text/css; charset=utf-8",
        ["uPlot.LICENSE"] = "text/plain; charset=utf-8",
    };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Asset("index.html"));
        routes.MapGet("/assets/{name}", (string name) => Asset(name));
        routes.MapGet("/api/info", () => Results.Json(new { mode = Mode }, DashboardJson.Options));
        routes.MapGet("/api/runs", () => Results.Json(Runs.List(), DashboardJson.Options));
        routes.MapGet("/api/runs/{runId}", (string runId) => Runs.Find(runId) is { } run ? Results.Json(run, DashboardJson.Options) : Results.NotFound());
        routes.MapGet("/api/nodes", () => Results.Json(Live?.Nodes.Snapshot() ?? [], DashboardJson.Options));
        routes.MapGet("/api/events", StreamAsync);
    }

    private static IResult Asset(string name)
    {
        if (!Assets.TryGetValue(name, out var contentType))
        {
            return Results.NotFound();
        }

        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Es.Dashboard.Assets.{name}");
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }

    /// <summary>Server-sent events: the live run's rounds, status and nodes as they happen.</summary>
    private async Task StreamAsync(HttpContext context)
    {
        if (Live is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound; // the run browser polls instead
            return;
        }

        var feed = Live.Subscribe();
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var aborted = context.RequestAborted;
            // The first event tells the page the stream is open: it reloads the run, then follows.
            await context.Response.WriteAsync("event: hello\ndata: {}\n\n", aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            await foreach (var item in feed.Reader.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                await context.Response.WriteAsync($"event: {item.Name}\ndata: {item.Data}\n\n", aborted).ConfigureAwait(false);
                if (feed.Reader.Count == 0)
                {
                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the browser went away
        }
        finally
        {
            Live.Unsubscribe(feed);
        }
    }
}
