using System.Globalization;
using Es.Dashboard.Runs;
using Es.Dashboard.Server;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Es.Dashboard.Tests.Browser;

/// <summary>The run browser in a real browser: runs listed, overlaid, reachable by keyboard.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RunBrowserPageTests(ChromiumFixture chromium) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("es-run-browser-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunBrowser_TwoRuns_OverlaidByKeyboard()
    {
        RunDirectories.Write(_root, "CartPole-v1-s1-a", seed: 1, rounds: 20, finished: true);
        RunDirectories.Write(_root, "CartPole-v1-s2-b", seed: 2, rounds: 12, finished: false);
        await using var server = await DashboardServer.StartBrowserAsync(DashboardEndpoint.Parse("127.0.0.1:0"), new RunFolderCatalog(_root, _ => 475));
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Url);

        // Every control has a label: the checkboxes are found by their run's name.
        var first = page.GetByLabel("CartPole-v1-s1-a");
        var second = page.GetByLabel("CartPole-v1-s2-b");
        await Expect(page.Locator("#runs input[type=checkbox]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#runs input:checked")).ToHaveCountAsync(1);

        // Keyboard only: Tab past the skip link to the runs, Space ticks the other one.
        var unticked = await first.IsCheckedAsync() ? second : first;
        await page.Locator("body").FocusAsync();
        for (int i = 0; i < 4 && !await unticked.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(unticked).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(unticked).ToBeCheckedAsync();
        var legend = page.Locator("#chart-reward .u-legend");
        await Expect(legend).ToContainTextAsync("CartPole-v1-s1-a mean");
        await Expect(legend).ToContainTextAsync("CartPole-v1-s2-b mean");
        await Expect(page.Locator("#runs")).ToContainTextAsync("no summary");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.Artifacts, "run-browser.png"), FullPage = true });
        Assert.Empty(errors);
    }
}

/// <summary>Run directories as the trainer writes them, made up for the tests.</summary>
internal static class RunDirectories
{
    public static string Write(string root, string runId, int seed, int rounds, bool finished)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, runId)).FullName;
        var c = CultureInfo.InvariantCulture;
        File.WriteAllText(Path.Combine(directory, "config.json"), $$"""{ "seed": {{seed}}, "generations": 100, "env": { "name": "CartPole-v1" }, "strategy": { "name": "openai-es" } }""");
        var lines = new List<string> { Es.Seed.Runs.MetricsWriter.Header };
        for (int g = 0; g < rounds; g++)
        {
            double mean = 20 + (g * (10 + seed));
            var eval = g % 5 == 0 ? (mean + 5).ToString(c) : string.Empty;
            lines.Add(string.Join(',', g, 1, mean.ToString(c), (mean * 1.5).ToString(c), (mean / 2).ToString(c), eval, 64, 5000 + (g * 300), (0.3 * (g + 1)).ToString("F3", c), 1, 100, 0));
        }

        File.WriteAllLines(Path.Combine(directory, "metrics.csv"), lines);
        if (finished)
        {
            File.WriteAllText(Path.Combine(directory, "summary.json"), "{ \"status\": \"finished\" }");
        }

        return directory;
    }
}
