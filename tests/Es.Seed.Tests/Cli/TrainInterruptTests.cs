using System.Diagnostics;

namespace Es.Seed.Tests.Cli;

/// <summary>SIGTERM (what Ctrl+C does too) on a real training process: it finishes the round, writes the summary and exits 130.</summary>
public sealed class TrainInterruptTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Train_Sigterm_RecordsTheRunAndExits130()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a POSIX signal
        }

        var config = _cli.Write("c.json", """
            { "generations": 1000000, "env": { "name": "CartPole-v1" }, "policy": { "hidden": [8] },
              "strategy": { "population": 16 }, "noise": { "table_size": 1048576 },
              "evaluation": { "every": 1000, "stop_when_solved": false } }
            """);
        var runDir = Path.Combine(_cli.Root, "run");
        var seed = Path.Combine(AppContext.BaseDirectory, "es-seed.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { seed, "train", config, "--run-dir", runDir, "--workers", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(deadline.Token);
            }
            while (line is not null && !line.StartsWith("gen 2/", StringComparison.Ordinal));

            Assert.NotNull(line);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(deadline.Token);
            }

            var rest = process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            await rest;
            Assert.Equal(130, process.ExitCode);
            var summary = CliRunner.ReadJson(Path.Combine(runDir, "summary.json"));
            Assert.Equal("interrupted", summary.GetProperty("status").GetString());
            int completed = summary.GetProperty("generations_completed").GetInt32();
            Assert.True(completed >= 3);

            // The interrupt wrote a snapshot of the last generation: resume starts from it, replaying nothing.
            Assert.Equal(0, await _cli.RunAsync("resume", runDir, "--generations", (completed + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains($"at generation {completed} (snapshot of generation {completed}, 0 journal events replayed", _cli.Out, StringComparison.Ordinal);
            Assert.NotEqual("interrupted", CliRunner.ReadJson(Path.Combine(runDir, "summary.json")).GetProperty("status").GetString());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
