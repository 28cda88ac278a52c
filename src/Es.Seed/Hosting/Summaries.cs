using System.Globalization;
using Es.Actors.Hosting;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Strategies;
using Es.Seed.Cli;
using Es.Seed.Runs;

namespace Es.Seed.Hosting;

/// <summary>Builds and prints <c>summary.json</c>.</summary>
internal static class Summaries
{
    public static RunSummary Build(TrainingConfig config, RunDirectory run, TrainingResult result, double wallSeconds) => Build(config, run, result.Outcome, wallSeconds) with
    {
        EvaluatorRestarts = result.EvaluatorRestarts,
        TasksRedelivered = result.TasksRedelivered,
        CandidatesRetried = result.CandidatesRetried,
    };

    /// <summary>The summary of a run that failed: how far it had got, and what failed.</summary>
    public static RunSummary Failed(TrainingConfig config, RunDirectory run, TrainingResult reached, double wallSeconds, string error) =>
        Build(config, run, reached, wallSeconds) with { Status = "failed", Error = error };

    private static RunSummary Build(TrainingConfig config, RunDirectory run, TrainingOutcome outcome, double wallSeconds) => new()
    {
        RunId = run.RunId,
        Env = config.Env.Name,
        Strategy = config.Strategy.Name,
        GenerationsCompleted = outcome.GenerationsCompleted,
        Evaluations = outcome.Evaluations,
        EnvSteps = outcome.EnvSteps,
        WallSeconds = Math.Round(wallSeconds, 3),
        FinalEvalReturn = Finite(outcome.FinalEvalReturn),
        BestEvalReturn = Finite(outcome.BestEvalReturn),
        Solved = outcome.Solved,
        SolvedGeneration = outcome.SolvedGeneration,
        ThetaSha256 = ThetaHash.ComputeHex(outcome.Theta),
        CandidatesFailed = outcome.CandidatesFailed,
        Status = outcome.Interrupted ? "interrupted" : outcome.Solved ? "solved" : "finished",
    };

    public static async Task PrintAsync(RunSummary summary, RunDirectory run, ConsoleOutput output)
    {
        var c = CultureInfo.InvariantCulture;
        var final = summary.FinalEvalReturn is double f ? f.ToString("F2", c) : "-";
        await output.Out.WriteLineAsync(
            $"{summary.Status}: {summary.GenerationsCompleted} generations, final eval return {final}, " +
            $"solved {(summary.Solved ? $"yes (generation {summary.SolvedGeneration})" : "no")}, {summary.WallSeconds.ToString("F1", c)} s").ConfigureAwait(false);
        await output.Out.WriteLineAsync($"summary: {run.SummaryPath}").ConfigureAwait(false);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
