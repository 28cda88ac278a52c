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

/// <summary>A run ready to train: its session (fresh or recovered), store and metrics file.</summary>
/// <param name="Config">The resolved configuration.</param>
/// <param name="Run">The run directory.</param>
/// <param name="Noise">The shared noise table.</param>
/// <param name="Session">The session to train.</param>
/// <param name="Journal">Makes rounds durable in the store.</param>
/// <param name="Metrics">The open metrics file.</param>
internal sealed record PreparedRun(TrainingConfig Config, RunDirectory Run, NoiseTable Noise, TrainingSession Session, CheckpointJournal Journal, MetricsWriter Metrics);

/// <summary>Trains a prepared run to its end and writes its summary.</summary>
internal static class TrainingJob
{
    public static async Task<int> RunAsync(PreparedRun prepared, int workers, ConsoleOutput output, CancellationToken stop)
    {
        var (config, run, noise, session, journal, metrics) = prepared;
        TrainingResult result;
        var live = output.Interactive
            ? new LiveProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Out) }))
            : null;
        IProgressDisplay display = live is null ? new PlainProgressDisplay(output.Out) : live;
        try
        {
            var recorder = new RunRecorder(metrics, display, config.Generations, journal);
            result = await EmbeddedTraining.RunAsync(
                config, noise, workers, recorder, stop, line => output.Error.WriteLine(line), session: session, journal: journal).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            journal.OnFailed();
            await output.Error.WriteLineAsync($"error: training failed: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            if (live is not null)
            {
                await live.DisposeAsync().ConfigureAwait(false);
            }

            metrics.Dispose();
        }

        var summary = Summaries.Build(config, run, result, journal.WallSeconds);
        run.WriteSummary(summary);
        await Summaries.PrintAsync(summary, run, output).ConfigureAwait(false);
        var cost = journal.Cost;
        if (cost.JournalRows > 0)
        {
            var c = CultureInfo.InvariantCulture;
            await output.Out.WriteLineAsync(
                $"checkpoints: {cost.JournalRows} journal rows ({(cost.JournalSeconds * 1000 / cost.JournalRows).ToString("F2", c)} ms, {cost.JournalBytes / cost.JournalRows} bytes each), " +
                $"{cost.Snapshots} snapshots ({(cost.Snapshots == 0 ? 0 : cost.SnapshotSeconds * 1000 / cost.Snapshots).ToString("F2", c)} ms, {(cost.Snapshots == 0 ? 0 : cost.SnapshotBytes / cost.Snapshots)} bytes each)").ConfigureAwait(false);
        }

        return result.Outcome.Interrupted ? ExitCodes.Interrupted : ExitCodes.Done;
    }
}
