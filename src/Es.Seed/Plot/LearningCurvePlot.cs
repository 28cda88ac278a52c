using Es.Dashboard.Model;
using ScottPlot;

namespace Es.Seed.Plot;

/// <summary>One run's curves for <see cref="LearningCurvePlot"/>.</summary>
/// <param name="Label">The legend's name for the run.</param>
/// <param name="Points">Its rounds.</param>
/// <param name="SolvedThreshold">Its task's solved threshold, when known.</param>
internal sealed record PlottedRun(string Label, IReadOnlyList<GenerationPoint> Points, double? SolvedThreshold);

/// <summary>
/// The learning curves of one or several runs in one figure (ScottPlot): each run's mean
/// candidate reward as a line and its evaluation returns as marked points, in one colour per
/// run, with the task's solved threshold dashed.
/// </summary>
internal static class LearningCurvePlot
{
    public static ScottPlot.Plot Draw(IReadOnlyList<PlottedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var color = palette.GetColor(i);
            var rewards = run.Points.Where(p => p.RewardMean is not null).ToArray();
            var mean = plot.Add.ScatterLine(rewards.Select(p => (double)p.Generation).ToArray(), rewards.Select(p => p.RewardMean!.Value).ToArray(), color);
            mean.LegendText = $"{run.Label}: reward mean";
            mean.LineWidth = 2;
            var evaluated = run.Points.Where(p => p.EvalReturn is not null).ToArray();
            if (evaluated.Length > 0)
            {
                var eval = plot.Add.Scatter(evaluated.Select(p => (double)p.Generation).ToArray(), evaluated.Select(p => p.EvalReturn!.Value).ToArray(), color);
                eval.LegendText = $"{run.Label}: evaluation return";
                eval.LinePattern = LinePattern.Dotted;
                eval.MarkerSize = 7;
                eval.MarkerShape = MarkerShape.OpenCircle;
            }
        }

        foreach (var threshold in runs.Select(r => r.SolvedThreshold).OfType<double>().Distinct())
        {
            var line = plot.Add.HorizontalLine(threshold);
            line.LegendText = $"solved threshold {threshold:G4}";
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
        }

        plot.Title(runs.Count == 1 ? runs[0].Label : $"{runs.Count} runs");
        plot.XLabel("generation");
        plot.YLabel("return");
        plot.ShowLegend(Edge.Bottom); // below the axes: a legend inside would hide some curve
        return plot;
    }
}
