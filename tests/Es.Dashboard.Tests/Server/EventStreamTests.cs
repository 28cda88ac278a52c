using System.Text.Json;
using Es.TestKit;

namespace Es.Dashboard.Tests.Server;

public sealed class EventStreamTests
{
    [Fact]
    public async Task Events_RoundAdded_ArrivesAsAPointEvent()
    {
        await using var fixture = await LiveServerFixture.StartAsync();
        using var http = new HttpClient();
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        using var response = await http.GetAsync(new Uri(new Uri(fixture.Server.Url), "api/events"), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        Assert.Equal("event: hello", await reader.ReadLineAsync(deadline.Token));

        fixture.Live.Add(LiveServerFixture.Point(3));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(deadline.Token);
        }
        while (line is not null && line != "event: point");

        var data = await reader.ReadLineAsync(deadline.Token);
        Assert.NotNull(data);
        Assert.StartsWith("data: ", data, StringComparison.Ordinal);
        using var point = JsonDocument.Parse(data["data: ".Length..]);
        Assert.Equal(3, point.RootElement.GetProperty("generation").GetInt32());
        Assert.Equal(20 + (3 * 9.5), point.RootElement.GetProperty("reward_mean").GetDouble());
    }

    [Fact]
    public async Task Api_RunsAndOneRun_ListTheLiveRunWithItsRounds()
    {
        await using var fixture = await LiveServerFixture.StartAsync();
        fixture.Live.Add(LiveServerFixture.Point(0));
        fixture.Live.Add(LiveServerFixture.Point(1));
        using var http = new HttpClient();
        var baseUri = new Uri(fixture.Server.Url);
        using var runs = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUri, "api/runs")));
        var listed = Assert.Single(runs.RootElement.EnumerateArray());
        Assert.Equal(LiveServerFixture.Info.RunId, listed.GetProperty("run_id").GetString());
        Assert.Equal("running", listed.GetProperty("status").GetString());
        Assert.Equal(475, listed.GetProperty("solved_threshold").GetDouble());
        using var run = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUri, "api/runs/" + LiveServerFixture.Info.RunId)));
        Assert.Equal(2, run.RootElement.GetProperty("points").GetArrayLength());
        using var missing = await http.GetAsync(new Uri(baseUri, "api/runs/nope"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        using var asset = await http.GetAsync(new Uri(baseUri, "assets/uPlot.LICENSE"));
        Assert.Contains("Leon Sorokin", await asset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
