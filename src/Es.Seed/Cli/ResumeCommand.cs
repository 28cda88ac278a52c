using System.CommandLine;
using Es.Actors.Cluster;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Rollouts;
using Es.Seed.Hosting;
using Es.Seed.Runs;

namespace Es.Seed.Cli;

/// <summary><c>resume RUN_DIR [--generations G] [--workers N] [--listen HOST:PORT] [--public-host NAME] [--tls-certificate FILE] [--tls-password-file FILE]</c>: continue a run from its checkpoints, here or as the seed of a cluster.</summary>
public static class ResumeCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var runDir = new Argument<string>("RUN_DIR") { Description = "The run directory to continue." };
        var generations = new Option<int?>("--generations") { Description = "A new generation limit (the only setting a resume may change)." };
        var workers = new Option<int?>("--workers") { Description = "Evaluators in this process (default: one per core)." };
        var listen = new Option<string?>("--listen") { Description = "Continue it as the seed of a cluster listening on HOST:PORT (as train --listen); --workers may then be 0." };
        var publicHost = new Option<string?>("--public-host") { Description = "The name other nodes reach this one by (default: the --listen host)." };
        var tlsCertificate = new Option<string?>("--tls-certificate") { Description = "Remoting over TLS with this PKCS#12 file (as train)." };
        var tlsPasswordFile = new Option<string?>("--tls-password-file") { Description = $"A file holding the certificate's password (else {ClusterFlags.TlsPasswordVariable})." };
        var command = new Command("resume", "Continue a run (after a crash, Ctrl+C or its end) from its last completed generation.") { runDir, generations, workers, listen, publicHost, tlsCertificate, tlsPasswordFile };
        command.SetAction((parse, cancellationToken) =>
        {
            ClusterOptions? cluster;
            try
            {
                cluster = ClusterFlags.Parse(parse.GetValue(listen), parse.GetValue(publicHost), [], parse.GetValue(tlsCertificate), parse.GetValue(tlsPasswordFile));
            }
            catch (ConfigException e)
            {
                output.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(ExitCodes.BadInput);
            }

            return RunAsync(parse.GetValue(runDir)!, parse.GetValue(generations), parse.GetValue(workers), output, cancellationToken, cluster);
        });
        return command;
    }

    /// <summary>Runs <c>resume</c>; returns the exit code. With <paramref name="cluster"/> (<c>--listen</c>) the run continues as the seed of a cluster.</summary>
    public static async Task<int> RunAsync(string runPath, int? generations, int? workers, ConsoleOutput output, CancellationToken cancellationToken, ClusterOptions? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        PreparedRun? prepared = null;
        (TrainingConfig Config, RunDirectory Run, int Evaluators, long Tenures)? clusterResume = null;
        try
        {
            var run = RunDirectory.Open(runPath);
            var config = ConfigLoader.Load(File.ReadAllText(run.ConfigPath), run.ConfigPath, generations is int g ? [$"generations={g}"] : []);
            int evaluators = workers ?? Environment.ProcessorCount;
            if (evaluators < (cluster is null ? 1 : 0))
            {
                throw new ConfigException("--workers", string.Empty, $"expected a whole number of at least {(cluster is null ? 1 : 0)}, got {evaluators}");
            }

            RunStores.CheckReadable(config, run);
            var history = await RunStores.ReadAsync(config, run, null, line => output.Error.WriteLine($"warning: {line}")).ConfigureAwait(false);
            if (history.ConfigJson is null)
            {
                throw new CheckpointException($"{RunStores.Describe(config, run)} holds no run named {run.RunId}");
            }

            var original = ConfigLoader.Load(history.ConfigJson, $"{RunStores.Describe(config, run)} (run {run.RunId})");
            var changed = ConfigDiff.Differences(original, config, "generations", "akka");
            if (changed.Count > 0)
            {
                throw new ConfigException(run.ConfigPath, string.Empty, $"differs from the configuration the run started with in: {string.Join(", ", changed)}; only the generation count and the akka section may change on resume");
            }

            await AkkaSettings.CheckAsync(config, run.ConfigPath).ConfigureAwait(false);

            if (history.Status == "solved" || (history.Status == "finished" && config.Generations <= history.Generations))
            {
                await output.Out.WriteLineAsync($"run {run.RunId} is already {history.Status} ({history.Generations} generations); nothing to resume (pass --generations G to train further)").ConfigureAwait(false);
                return ExitCodes.Done;
            }

            if (generations is not null)
            {
                run.UpdateConfig(config);
            }

            ProblemFactory.CreateChecked(config, run.ConfigPath); // a missing native engine is one line of bad input, before anything starts
            if (cluster is not null)
            {
                clusterResume = (config, run, evaluators, history.Tenures);
            }
            else
            {
                prepared = new PreparedRun(config, run, NoiseTables.BuildInBackground(config, output), TrainCommand.NewRunCheckpointing(config, run));
            }
        }
        catch (Exception e) when (e is ConfigException or CheckpointException or IOException or UnauthorizedAccessException or EnvironmentUnavailableException)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (clusterResume is var (clusterConfig, clusterRun, clusterEvaluators, tenures))
        {
            // The coordinator singleton recovers the run from its store, as a standby's would.
            return await ClusterTrain.RunAsync(clusterConfig, clusterRun, cluster!, clusterEvaluators, output, null, cancellationToken, resumedAfterTenures: tenures).ConfigureAwait(false);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals(stop, output.Error);
        return await TrainingJob.RunAsync(prepared!, workers ?? Environment.ProcessorCount, output, stop.Token).ConfigureAwait(false);
    }
}
