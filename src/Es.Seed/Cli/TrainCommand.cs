using System.CommandLine;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Core.Configuration;
using Es.Core.Rollouts;
using Es.Seed.Configuration;
using Es.Seed.Dashboard;
using Es.Seed.Hosting;
using Es.Seed.Runs;

namespace Es.Seed.Cli;

/// <summary><c>train CONFIG [--run-dir DIR] [--workers N] [--generations G] [--seed S] [--set key=value]... [--listen HOST:PORT] [--public-host NAME] [--seed-node HOST:PORT]... [--tls-certificate FILE] [--tls-password-file FILE] [--dashboard [HOST:]PORT]</c></summary>
public static class TrainCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var config = new Argument<string>("CONFIG") { Description = "The run's configuration file (JSON, or HOCON if it ends in .conf; see config/reference.jsonc)." };
        var runDir = new Option<string?>("--run-dir") { Description = "Where the run is written (default: runs/ENV-sSEED-TIMESTAMP)." };
        var workers = new Option<int?>("--workers") { Description = "Evaluators in this process (default: one per core)." };
        var generations = new Option<int?>("--generations") { Description = "Overrides the configuration's generations." };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the configuration's seed." };
        var set = new Option<string[]>("--set") { Description = "Overrides any key, e.g. --set strategy.sigma=0.1 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var listen = new Option<string?>("--listen") { Description = "Start a cluster: this seed node listens on HOST:PORT (akka.remote.dot-netty.tcp.hostname/port); --workers may then be 0." };
        var publicHost = new Option<string?>("--public-host") { Description = "The name other nodes reach this one by (akka.remote.dot-netty.tcp.public-hostname; default: the --listen host)." };
        var seedNode = new Option<string[]>("--seed-node") { Description = "Join the cluster of this seed node as a standby coordinator of the same run (akka.cluster.seed-nodes; repeatable; needs persistence.provider=postgres).", AllowMultipleArgumentsPerToken = false };
        var tlsCertificate = new Option<string?>("--tls-certificate") { Description = "Remoting over TLS with this PKCS#12 file (akka.remote.dot-netty.tcp.enable-ssl, ssl.certificate.path)." };
        var tlsPasswordFile = new Option<string?>("--tls-password-file") { Description = $"A file holding the certificate's password (else {ClusterFlags.TlsPasswordVariable})." };
        var dashboard = new Option<string?>("--dashboard") { Description = "Serve a live web dashboard and /metrics at [HOST:]PORT while training (loopback unless a host is given)." };
        var command = new Command("train", "Train a policy with Evolution Strategies.") { config, runDir, workers, generations, seed, set, listen, publicHost, seedNode, tlsCertificate, tlsPasswordFile, dashboard };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new TrainRequest(
                parse.GetValue(config)!,
                parse.GetValue(runDir),
                parse.GetValue(workers),
                parse.GetValue(generations),
                parse.GetValue(seed),
                parse.GetValue(set) ?? [])
            {
                Listen = parse.GetValue(listen),
                PublicHost = parse.GetValue(publicHost),
                SeedNodes = parse.GetValue(seedNode) ?? [],
                TlsCertificate = parse.GetValue(tlsCertificate),
                TlsPasswordFile = parse.GetValue(tlsPasswordFile),
                Dashboard = parse.GetValue(dashboard),
            },
            output,
            cancellationToken));
        return command;
    }

    /// <summary>Runs <c>train</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(TrainRequest request, ConsoleOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (request.Dashboard is null)
        {
            return await TrainAsync(request, output, null, cancellationToken).ConfigureAwait(false);
        }

        // Listening comes first: a bad address or a port in use stops here, before anything is written.
        LiveDashboard dashboard;
        try
        {
            dashboard = await LiveDashboard.StartAsync(request.Dashboard, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using (dashboard.ConfigureAwait(false))
        {
            return await TrainAsync(request, output, dashboard, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> TrainAsync(TrainRequest request, ConsoleOutput output, LiveDashboard? dashboard, CancellationToken cancellationToken)
    {
        TrainingConfig config;
        RunDirectory runDirectory;
        int workers;
        Es.Actors.Cluster.ClusterOptions? cluster = null;
        try
        {
            config = await LoadConfigAsync(request).ConfigureAwait(false);
            workers = request.Workers ?? Environment.ProcessorCount;
            cluster = ClusterFlags.Parse(request);
            if (workers < (cluster is null ? 1 : 0))
            {
                throw new ConfigException("--workers", string.Empty, $"expected a whole number of at least {(cluster is null ? 1 : 0)}, got {workers}");
            }

            if (cluster is { SeedNodes.Count: > 0 } && config.Persistence.Provider != "postgres")
            {
                throw new ConfigException("--seed-node", "persistence.provider", "a seed node given --seed-node stands by to take the run over from the shared store: expected persistence.provider=postgres");
            }

            CheckProblem(config, request.ConfigPath);
            runDirectory = RunDirectory.Create(request.RunDir ?? RunDirectory.DefaultPath(config, DateTimeOffset.UtcNow), config);
        }
        catch (ConfigException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (cluster is not null)
        {
            return await ClusterTrain.RunAsync(config, runDirectory, cluster, workers, output, dashboard, cancellationToken).ConfigureAwait(false);
        }

        await output.Out.WriteLineAsync($"run {runDirectory.RunId}: {config.Env.Name}, {config.Strategy.Name}, population {config.Strategy.Population}, {workers} evaluator(s)").ConfigureAwait(false);
        await output.Out.WriteLineAsync($"writing to {runDirectory.Path}").ConfigureAwait(false);
        if (dashboard is not null)
        {
            dashboard.Started(config, runDirectory, workers);
            await output.Out.WriteLineAsync($"dashboard: {dashboard.Url} (metrics at {dashboard.Url}metrics)").ConfigureAwait(false);
        }

        Checkpointing checkpointing;
        try
        {
            checkpointing = NewRunCheckpointing(config, runDirectory);
        }
        catch (ConfigException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (config.Persistence.Provider == "postgres")
        {
            // A shared store may already hold a run of this name: train never continues one (resume does).
            try
            {
                var existing = await RunStores.ReadAsync(config, runDirectory, null, line => output.Error.WriteLine($"warning: {line}")).ConfigureAwait(false);
                if (existing.ConfigJson is not null)
                {
                    throw new CheckpointException($"the PostgreSQL store already holds a run named {runDirectory.RunId} ({existing.Generations} generations, {existing.EffectiveStatus()}); `es-seed resume` continues it, or choose another --run-dir name");
                }
            }
            catch (CheckpointException e)
            {
                Directory.Delete(runDirectory.Path, recursive: true); // made just now, for a run that cannot start
                await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        }

        var prepared = new PreparedRun(config, runDirectory, NoiseTables.BuildInBackground(config, output), checkpointing);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals(stop, output.Error);
        return await TrainingJob.RunAsync(prepared, workers, output, stop.Token, dashboard).ConfigureAwait(false);
    }

    /// <summary>How a run's coordinator checkpoints it: the run's store, persistence id = run id.</summary>
    /// <exception cref="ConfigException">The store the configuration names cannot be used.</exception>
    internal static Checkpointing NewRunCheckpointing(TrainingConfig config, RunDirectory run) => new(
        RunStores.Persistence(config, run),
        new CheckpointPlan(run.RunId, config.Env.Name, ConfigWriter.ToJson(config), config.Persistence.SnapshotEvery),
        new RunCheckpoints());

    private static Task<TrainingConfig> LoadConfigAsync(TrainRequest request)
    {
        var overrides = new List<string>(request.Overrides);
        if (request.Generations is int g)
        {
            overrides.Add($"generations={g}");
        }

        if (request.Seed is ulong s)
        {
            overrides.Add($"seed={s}");
        }

        return ConfigFile.LoadForRunAsync(request.ConfigPath, overrides);
    }

    /// <summary>Checks what only the built problem knows: the noise table must hold θ.</summary>
    private static void CheckProblem(TrainingConfig config, string source)
    {
        var problem = ProblemFactory.CreateChecked(config, source);
        if (problem.ParameterCount > config.Noise.TableSize)
        {
            throw new ConfigException(source, "noise.table_size", $"expected at least {problem.ParameterCount} (the policy's parameter count), got {config.Noise.TableSize}");
        }
    }
}
