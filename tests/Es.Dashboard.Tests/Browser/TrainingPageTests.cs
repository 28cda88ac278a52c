using Es.Dashboard.Tests.Cli;
using Es.Seed.Cli;
using Es.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Es.Dashboard.Tests.Browser;

/// <summary><c>train --dashboard</c> end to end: a real run, watched in a real browser.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class TrainingPageTests(ChromiumFixture chromium) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("es-dashboard-train-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Train_WithDashboard_CurveGainsPointsWhileItTrains()
    {
        var config = Path.Combine(_root, "c.json");
        File.WriteAllText(config, """
            { "generations": 1000000, "env": { "name": "CartPole-v1" }, "policy": { "hidden": [8] },
              "strategy": { "population": 16 }, "noise": { "table_size": 1048576 },
              "evaluation": { "every": 5, "episodes": 2, "stop_when_solved": false } }
            """);
        using var output = new WatchedOutput();
        using var error = new WatchedOutput();
        using var stop = new CancellationTokenSource();
        var url = output.LineAsync(l => l.StartsWith("dashboard: ", StringComparison.Ordinal));
        var training = SeedCli.RunAsync(
            ["train", config, "--run-dir", Path.Combine(_root, "run"), "--workers", "1", "--dashboard", "127.0.0.1:0"],
            WatchedOutput.Console(output, error),
            stop.Token);
        try
        {
            var address = (await url.WaitAsync(TestTimeouts.Default * 6)).Split(' ')[1];
            var errors = new List<string>();
            var page = await chromium.NewPageAsync(errors);
            await page.GotoAsync(address);
            var count = page.GetByTestId("point-count");
            await Expect(count).Not.ToHaveTextAsync("0");
            int seen = int.Parse(await count.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

            // The page gains rounds as the run completes them, without being reloaded.
            await page.WaitForFunctionAsync("n => Number(document.querySelector('[data-testid=point-count]').textContent) > n + 5", seen);
            await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("running");
            await Expect(page.Locator("#nodes tr[data-address='local']")).ToContainTextAsync("embedded");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.Artifacts, "training-page.png"), FullPage = true });
            Assert.Empty(errors);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(ExitCodes.Interrupted, await training.WaitAsync(TestTimeouts.Default * 6));
    }
}
