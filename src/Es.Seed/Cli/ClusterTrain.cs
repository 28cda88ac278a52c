using Es.Actors.Cluster;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Core.Configuration;
using Es.Actors.Training;
using Es.Seed.Dashboard;
using Es.Seed.Hosting;
using Es.Seed.Progress;
using Es.Seed.Runs;
using Spectre.Console;

namespace Es.Seed.Cli;

/// <summary>
/// <c>train CONFIG --listen HOST:PORT [--public-host NAME] [--workers N]</c>: this seed node
/// starts an Akka.Cluster and coordinates the run as the coordinator singleton; worker
/// nodes join it (<c>es-node --seed-node HOST:PORT</c>). Given <c>--seed-node</c>, it joins
/// that cluster as a standby coordinator of the same run (shared PostgreSQL store) and takes
/// over from the journal when the active seed dies. <c>resume RUN_DIR --listen …</c> comes
/// here too: the coordinator recovers the run from its store as any coordinator does.
/// </summary>
internal static class ClusterTrain
{
    /// <summary>
    /// Takes part in the run as a seed node; returns the exit code. <paramref name="resumedAfterTenures"/>
    /// is, for a resume, the run's tenures when it began (the run had ended and is continued); −1 for train.
    /// </summary>
    public static async Task<int> RunAsync(TrainingConfig config, RunDirectory run, ClusterOptions options, int workers, ConsoleOutput output, LiveDashboard? dashboard, CancellationToken cancellationToken, long resumedAfterTenures = -1)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals(stop, output.Error);
        void Log(string line)
        {
            lock (output)
            {
                output.Error.WriteLine(line);
            }
        }

        await output.Out.WriteLineAsync($"run {run.RunId}: {config.Env.Name}, {config.Strategy.Name}, population {config.Strategy.Population}, cluster on {options.Listen} (advertised as {options.AdvertisedHost}{(options.Tls is null ? string.Empty : ", TLS")}), {workers} local evaluator(s)").ConfigureAwait(false);
        await output.Out.WriteLineAsync($"writing to {run.Path}").ConfigureAwait(false);
        var panel = dashboard?.StartedCluster(config, run);
        if (dashboard is not null)
        {
            await output.Out.WriteLineAsync($"dashboard: {dashboard.Url} (metrics at {dashboard.Url}metrics)").ConfigureAwait(false);
        }

        Checkpointing checkpointing;
        try
        {
            checkpointing = TrainCommand.NewRunCheckpointing(config, run);
        }
        catch (ConfigException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var noise = await NoiseTables.BuildAsync(config, output).ConfigureAwait(false);
        var live = output.Interactive
            ? new LiveProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Out) }))
            : null;
        IProgressDisplay display = live is null ? new PlainProgressDisplay(output.Out) : live;
        var recorder = new RunRecorder(run, display, config.Generations, checkpointing.Checkpoints, "taking over");
        async Task<bool> RunIsOverAsync()
        {
            var history = await RunStores.ReadAsync(config, run, null, line => Log($"warning: {line}")).ConfigureAwait(false);
            // A resume continues a run that had ended (interrupted, or finished with fewer
            // generations): over only once a tenure after the resume began has ended it.
            return history.ConfigJson is not null && history.Status != "running" && history.Tenures > resumedAfterTenures;
        }

        ClusterTrainingResult result;
        try
        {
            var seedRun = new SeedRun(run.RunId, config, noise, checkpointing, workers, RunIsOverAsync) { Panel = panel };
            IRunObserver observer = dashboard is null ? recorder : new FanOutObserver(recorder, dashboard.Observer(checkpointing.Checkpoints, Log));
            result = await ClusterTraining.RunAsync(options, seedRun, observer, line => { lock (display) { display.Message(line); } }, Log, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await output.Error.WriteLineAsync($"error: training failed: {e.GetBaseException().Message}").ConfigureAwait(false);
            dashboard?.Failed();
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

        if (result.Training is null)
        {
            return stop.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Done; // a standby whose run ended elsewhere
        }

        var cluster = result.Cluster;
        var summary = Summaries.Build(config, run, result.Training, checkpointing.Checkpoints.WallSeconds)
            with { NodesUp = cluster.NodesUp, NodesLost = cluster.NodesLost, StaleResults = cluster.StaleResults };
        run.WriteSummary(summary);
        dashboard?.Finished(summary, run);
        await Summaries.PrintAsync(summary, run, output).ConfigureAwait(false);
        await output.Out.WriteLineAsync(
            $"cluster: nodes up {cluster.NodesUp}, lost {cluster.NodesLost}; tasks redelivered {cluster.TasksRedelivered}, stale results ignored {cluster.StaleResults}, " +
            $"nodes refused {cluster.Refused}, messages rejected {ClusterMessageSerializer.Rejected}; {cluster.Generations} rounds; {cluster.SnapshotBytes:N0} bytes of snapshots to joining nodes; " +
            $"per round {(ClusterMessageSerializer.BytesWritten - cluster.SnapshotBytes) / Math.Max(1, cluster.Generations):N0} bytes out, {ClusterMessageSerializer.BytesRead / Math.Max(1, cluster.Generations):N0} bytes in (payloads)").ConfigureAwait(false);
        return result.Training.Outcome.Interrupted ? ExitCodes.Interrupted : ExitCodes.Done;
    }
}
