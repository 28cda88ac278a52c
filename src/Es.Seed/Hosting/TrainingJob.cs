using System.Diagnostics;
using System.Globalization;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Seed.Cli;
using Es.Seed.Progress;
using Es.Seed.Runs;
using Spectre.Console;

namespace Es.Seed.Hosting;

/// <summary>Runs a validated configuration into its run directory and reports the end.</summary>
internal static class TrainingJob
{
    public static async Task<int> RunAsync(TrainingConfig config, RunDirectory run, int workers, ConsoleOutput output, CancellationToken stop)
    {
        var started = Stopwatch.StartNew();
        await output.Out.WriteLineAsync($"run {run.RunId}: {config.Env.Name}, {config.Strategy.Name}, population {config.Strategy.Population}, {workers} evaluator(s)").ConfigureAwait(false);
        await output.Out.WriteLineAsync($"writing to {run.Path}").ConfigureAwait(false);
        var noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
        await output.Out.WriteLineAsync($"noise table: {config.Noise.TableSize:N0} values in {started.Elapsed.TotalSeconds:F2} s").ConfigureAwait(false);

        TrainingResult result;
        var live = output.Interactive
            ? new LiveProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Out) }))
            : null;
        IProgressDisplay display = live is null ? new PlainProgressDisplay(output.Out) : live;
        try
        {
            using var metrics = new MetricsWriter(run.MetricsPath);
            var recorder = new RunRecorder(metrics, display, config.Generations);
            result = await EmbeddedTraining.RunAsync(config, noise, workers, recorder, stop, line => output.Error.WriteLine(line)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await output.Error.WriteLineAsync($"error: training failed: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            if (live is not null)
            {
                await live.DisposeAsync().ConfigureAwait(false);
            }
        }

        var outcome = result.Outcome;
        var status = outcome.Interrupted ? "interrupted" : outcome.Solved ? "solved" : "finished";
        var summary = new RunSummary
        {
            RunId = run.RunId,
            Env = config.Env.Name,
            Strategy = config.Strategy.Name,
            GenerationsCompleted = outcome.GenerationsCompleted,
            Evaluations = outcome.Evaluations,
            EnvSteps = outcome.EnvSteps,
            WallSeconds = Math.Round(started.Elapsed.TotalSeconds, 3),
            FinalEvalReturn = Finite(outcome.FinalEvalReturn),
            BestEvalReturn = Finite(outcome.BestEvalReturn),
            Solved = outcome.Solved,
            SolvedGeneration = outcome.SolvedGeneration,
            ThetaSha256 = ThetaHash.Compute(outcome.Theta),
            EvaluatorRestarts = result.EvaluatorRestarts,
            TasksRedelivered = result.TasksRedelivered,
            CandidatesRetried = result.CandidatesRetried,
            CandidatesFailed = result.CandidatesFailed,
            Status = status,
        };
        run.WriteSummary(summary);
        var c = CultureInfo.InvariantCulture;
        var final = summary.FinalEvalReturn is double f ? f.ToString("F2", c) : "-";
        await output.Out.WriteLineAsync(
            $"{status}: {summary.GenerationsCompleted} generations, final eval return {final}, " +
            $"solved {(summary.Solved ? $"yes (generation {summary.SolvedGeneration})" : "no")}, {summary.WallSeconds.ToString("F1", c)} s").ConfigureAwait(false);
        await output.Out.WriteLineAsync($"summary: {run.SummaryPath}").ConfigureAwait(false);
        return outcome.Interrupted ? ExitCodes.Interrupted : ExitCodes.Done;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
