using System.CommandLine;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Rollouts;
using Es.Seed.Hosting;
using Es.Seed.Runs;

namespace Es.Seed.Cli;

/// <summary><c>resume RUN_DIR [--generations G] [--workers N]</c>: continue a run from its checkpoints.</summary>
public static class ResumeCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var runDir = new Argument<string>("RUN_DIR") { Description = "The run directory to continue." };
        var generations = new Option<int?>("--generations") { Description = "A new generation limit (the only setting a resume may change)." };
        var workers = new Option<int?>("--workers") { Description = "Evaluators in this process (default: one per core)." };
        var command = new Command("resume", "Continue a run (after a crash, Ctrl+C or its end) from its last completed generation.") { runDir, generations, workers };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(runDir)!, parse.GetValue(generations), parse.GetValue(workers), output, cancellationToken));
        return command;
    }

    /// <summary>Runs <c>resume</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string runPath, int? generations, int? workers, ConsoleOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        PreparedRun prepared;
        CheckpointStore? store = null;
        try
        {
            var run = RunDirectory.Open(runPath);
            var config = ConfigLoader.Load(File.ReadAllText(run.ConfigPath), run.ConfigPath, generations is int g ? [$"generations={g}"] : []);
            int evaluators = workers ?? Environment.ProcessorCount;
            if (evaluators < 1)
            {
                throw new ConfigException("--workers", string.Empty, $"expected a whole number of at least 1, got {evaluators}");
            }

            store = StoreLocator.Open(config, run, create: false);
            var stored = store.FindRun(run.RunId) ?? throw new CheckpointException($"the checkpoint store {store.Description} holds no run named {run.RunId}");
            var original = ConfigLoader.Load(stored.ConfigJson, $"{store.Description} (run {run.RunId})");
            var changed = ConfigDiff.Differences(original, config, "generations");
            if (changed.Count > 0)
            {
                throw new ConfigException(run.ConfigPath, string.Empty, $"differs from the configuration the run started with in: {string.Join(", ", changed)}; only the generation count may change on resume");
            }

            if (stored.Status == "solved" || (stored.Status == "finished" && config.Generations <= stored.Generations))
            {
                store.Dispose();
                await output.Out.WriteLineAsync($"run {run.RunId} is already {stored.Status} ({stored.Generations} generations); nothing to resume (pass --generations G to train further)").ConfigureAwait(false);
                return ExitCodes.Done;
            }

            // Take the run first: a coordinator still writing is fenced before we read what it wrote.
            long epoch = store.AcquireEpoch(run.RunId);
            var noise = await NoiseTables.BuildAsync(config, output).ConfigureAwait(false);
            var session = new TrainingSession(config, noise, ProblemFactory.Create(config));
            var recovery = RunRecovery.Recover(store, run.RunId, session, line => output.Error.WriteLine($"warning: {line}"));
            if (generations is not null)
            {
                run.UpdateConfig(config);
            }

            await output.Out.WriteLineAsync(
                $"resuming run {run.RunId} at generation {session.Generation} (snapshot of generation {recovery.SnapshotGeneration}, " +
                $"{recovery.Replayed.Count} journal rows replayed; coordinator epoch {epoch})").ConfigureAwait(false);
            var metrics = MetricsWriter.Continue(run.MetricsPath, recovery.SnapshotGeneration, recovery.Replayed.Select(r => (r.Report, r.WallSeconds)));
            var journal = new CheckpointJournal(store, run.RunId, epoch, config.Persistence.SnapshotEvery, recovery.WallSeconds);
            prepared = new PreparedRun(config, run, noise, session, journal, metrics);
        }
        catch (Exception e) when (e is ConfigException or CheckpointException or IOException or UnauthorizedAccessException or System.Data.Common.DbException or EnvironmentUnavailableException)
        {
            store?.Dispose();
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using (store)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var signals = new StopSignals(stop, output.Error);
            return await TrainingJob.RunAsync(prepared, workers ?? Environment.ProcessorCount, output, stop.Token).ConfigureAwait(false);
        }
    }
}
