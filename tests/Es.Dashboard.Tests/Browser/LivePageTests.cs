using Es.Dashboard.Model;
using Es.Dashboard.Tests.Server;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Es.Dashboard.Tests.Browser;

/// <summary>The live page in a real browser, fed through the dashboard's seams by the test.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class LivePageTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task LivePage_RoundsArrive_CurveGainsPointsWithoutConsoleErrors()
    {
        await using var fixture = await LiveServerFixture.StartAsync();
        for (int g = 0; g < 3; g++)
        {
            fixture.Live.Add(LiveServerFixture.Point(g));
        }

        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(fixture.Server.Url);
        var count = page.GetByTestId("point-count");
        await Expect(count).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("running");
        await Expect(page.Locator("#chart-reward canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-eval .u-legend")).ToContainTextAsync("solved threshold");
        await Expect(page.Locator("#config")).ToContainTextAsync("\"seed\": 7");

        fixture.Live.Add(LiveServerFixture.Point(3));
        fixture.Live.Add(LiveServerFixture.Point(4));
        await Expect(count).ToHaveTextAsync("5");

        fixture.Live.Finish("solved", "{\"status\":\"solved\"}");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("solved");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.Artifacts, "live-page.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ClusterPanel_NodeJoinsAndDies_ShowsUp()
    {
        await using var fixture = await LiveServerFixture.StartAsync();
        for (int g = 0; g < 30; g++)
        {
            fixture.Live.Add(LiveServerFixture.Point(g));
        }

        fixture.Nodes.Set(new NodeSnapshot("10.77.0.1:4053", "seed", NodeState.Up, 2, 2, 0, 0, 0));
        fixture.Nodes.Set(new NodeSnapshot("10.77.0.2:4053", "worker", NodeState.Up, 4, 4, 0, 0, 0));
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(fixture.Server.Url);
        var rows = page.Locator("#nodes tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        // A worker joins.
        fixture.Nodes.Set(new NodeSnapshot("10.77.0.3:4053", "worker", NodeState.Up, 4, 3, 0, 0, 0));
        await Expect(rows).ToHaveCountAsync(3);
        var joined = page.Locator("#nodes tr[data-address='10.77.0.3:4053']");
        await Expect(joined).ToHaveAttributeAsync("data-state", "up");

        // It stops answering, then is removed; its tasks were handed out again.
        fixture.Nodes.SetState("10.77.0.3:4053", NodeState.Unreachable);
        await Expect(joined).ToHaveAttributeAsync("data-state", "unreachable");
        fixture.Nodes.Set(new NodeSnapshot("10.77.0.3:4053", "worker", NodeState.Removed, 4, null, 0, 0, 0));
        fixture.Nodes.Set(new NodeSnapshot("10.77.0.2:4053", "worker", NodeState.Up, 4, 4, 1, 3, 1));
        await Expect(joined).ToHaveAttributeAsync("data-state", "removed");
        await Expect(page.Locator("#nodes tr[data-address='10.77.0.2:4053']")).ToContainTextAsync("3");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.Artifacts, "cluster-panel.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
