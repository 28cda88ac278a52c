using System.Globalization;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Seed.Cli;
using Es.Seed.Progress;
using Es.Seed.Runs;
using Spectre.Console;

namespace Es.Seed.Hosting;

/// <summary>A run ready to train (new, or to be recovered by its coordinator).</summary>
/// <param name="Config">The resolved configuration.</param>
/// <param name="Run">The run directory.</param>
/// <param name="Noise">The shared noise table (being built while the actor system starts).</param>
/// <param name="Checkpointing">Where the coordinator persists the run and recovers it from.</param>
internal sealed record PreparedRun(TrainingConfig Config, RunDirectory Run, Task<NoiseTable> Noise, Checkpointing Checkpointing);

/// <summary>Trains a prepared run to its end and writes its summary.</summary>
internal static class TrainingJob
{
    public static async Task<int> RunAsync(PreparedRun prepared, int workers, ConsoleOutput output, CancellationToken stop, Dashboard.LiveDashboard? dashboard = null)
    {
        var (config, run, noise, checkpointing) = prepared;
        var checkpoints = checkpointing.Checkpoints;
        TrainingResult result;
        var live = output.Interactive
            ? new LiveProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Out) }))
            : null;
        IProgressDisplay display = live is null ? new PlainProgressDisplay(output.Out) : live;
        var recorder = new RunRecorder(run, display, config.Generations, checkpoints);
        try
        {
            result = await EmbeddedTraining.RunAsync(
                config, noise, workers, dashboard is null ? recorder : new Dashboard.FanOutObserver(recorder, dashboard.Observer(checkpoints, output.Error.WriteLine)), stop, line => output.Error.WriteLine(line), checkpointing: checkpointing).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await output.Error.WriteLineAsync($"error: training failed: {e.Message}").ConfigureAwait(false);
            dashboard?.Failed();
            if (IsDamagedStore(e))
            {
                return ExitCodes.BadInput; // the run is as it was: nothing to summarise
            }

            if (e is TrainingFailedException { Reached: { } reached })
            {
                var failed = Summaries.Failed(config, run, reached, checkpoints.WallSeconds, e.Message);
                run.WriteSummary(failed);
                await Summaries.PrintAsync(failed, run, output).ConfigureAwait(false);
            }

            return ExitCodes.Failed;
        }
        finally
        {
            if (live is not null)
            {
                await live.DisposeAsync().ConfigureAwait(false);
            }

            recorder.Dispose();
        }

        var summary = Summaries.Build(config, run, result, checkpoints.WallSeconds);
        run.WriteSummary(summary);
        dashboard?.Finished(summary, run);
        await Summaries.PrintAsync(summary, run, output).ConfigureAwait(false);
        var cost = checkpoints.Cost;
        if (cost.JournalRows > 0)
        {
            var c = CultureInfo.InvariantCulture;
            await output.Out.WriteLineAsync(
                $"checkpoints: {cost.JournalRows} journal events ({(cost.JournalSeconds * 1000 / cost.JournalRows).ToString("F2", c)} ms, {cost.JournalBytes / cost.JournalRows} bytes each), " +
                $"{cost.Snapshots} snapshots ({(cost.Snapshots == 0 ? 0 : cost.SnapshotSeconds * 1000 / cost.Snapshots).ToString("F2", c)} ms, {(cost.Snapshots == 0 ? 0 : cost.SnapshotBytes / cost.Snapshots)} bytes each)").ConfigureAwait(false);
        }

        return result.Outcome.Interrupted ? ExitCodes.Interrupted : ExitCodes.Done;
    }

    /// <summary>A damaged store (what recovery refuses) is bad input, wherever in the failure it shows.</summary>
    private static bool IsDamagedStore(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is CheckpointException)
            {
                return true;
            }
        }

        return false;
    }
}
