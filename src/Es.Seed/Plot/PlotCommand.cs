using System.CommandLine;
using Es.Dashboard.Runs;
using Es.Seed.Cli;
using Es.Seed.Dashboard;

namespace Es.Seed.Plot;

/// <summary><c>plot RUN_DIR [RUN_DIR…] --out FILE.png|FILE.svg</c>: the runs' learning curves in one figure.</summary>
public static class PlotCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var runs = new Argument<string[]>("RUN_DIR") { Description = "Run directories to draw (several are overlaid).", Arity = ArgumentArity.OneOrMore };
        var file = new Option<string>("--out") { Description = "The figure to write: FILE.png or FILE.svg.", Required = true };
        var width = new Option<int>("--width") { Description = "Width in pixels (default 900).", DefaultValueFactory = _ => 900 };
        var height = new Option<int>("--height") { Description = "Height in pixels (default 560).", DefaultValueFactory = _ => 560 };
        var command = new Command("plot", "Draw the learning curves of one or several runs to a PNG or SVG file.") { runs, file, width, height };
        command.SetAction((parse, _) => Task.FromResult(Run(parse.GetValue(runs) ?? [], parse.GetValue(file)!, parse.GetValue(width), parse.GetValue(height), output)));
        return command;
    }

    /// <summary>Draws the figure; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> runDirectories, string outPath, int width, int height, ConsoleOutput output)
    {
        ArgumentNullException.ThrowIfNull(runDirectories);
        ArgumentNullException.ThrowIfNull(outPath);
        ArgumentNullException.ThrowIfNull(output);
        var extension = Path.GetExtension(outPath).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            output.Error.WriteLine($"error: --out: expected a file name ending in .png or .svg, got '{outPath}'");
            return ExitCodes.BadInput;
        }

        if (width is < 100 or > 10000 || height is < 100 or > 10000)
        {
            output.Error.WriteLine($"error: --width/--height: expected 100 to 10000 pixels, got {width}x{height}");
            return ExitCodes.BadInput;
        }

        var plotted = new List<PlottedRun>();
        foreach (var directory in runDirectories)
        {
            var view = RunFiles.IsRun(directory) ? RunFiles.Read(directory, SolvedThresholds.Of) : null;
            if (view is null)
            {
                output.Error.WriteLine($"error: {directory}: not a readable run directory (no config.json, or it cannot be read)");
                return ExitCodes.BadInput;
            }

            if (view.Points.Count == 0)
            {
                output.Error.WriteLine($"error: {directory}: the run has no rounds in metrics.csv yet");
                return ExitCodes.BadInput;
            }

            plotted.Add(new PlottedRun(Label(view.Info, runDirectories.Count), view.Points, view.Info.SolvedThreshold));
        }

        var plot = LearningCurvePlot.Draw(plotted);
        try
        {
            var directoryOfFile = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (directoryOfFile is not null && !Directory.Exists(directoryOfFile))
            {
                output.Error.WriteLine($"error: --out: {directoryOfFile}: no such directory");
                return ExitCodes.BadInput;
            }

            if (extension == ".svg")
            {
                plot.SaveSvg(outPath, width, height);
            }
            else
            {
                plot.SavePng(outPath, width, height);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error.WriteLine($"error: --out: {e.Message}");
            return ExitCodes.BadInput;
        }

        output.Out.WriteLine($"wrote {outPath} ({plotted.Count} run(s))");
        return ExitCodes.Done;
    }

    private static string Label(Es.Dashboard.Model.RunInfo info, int runs) =>
        runs == 1 ? $"{info.RunId} ({info.Env}, {info.Strategy})" : $"{info.Env} {info.Strategy} seed {info.Seed}";
}
