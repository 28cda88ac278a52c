using System.CommandLine;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Rollouts;
using Es.Seed.Hosting;
using Es.Seed.Runs;

namespace Es.Seed.Cli;

/// <summary><c>train CONFIG [--run-dir DIR] [--workers N] [--generations G] [--seed S] [--set key=value]...</c></summary>
public static class TrainCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var config = new Argument<string>("CONFIG") { Description = "The run's configuration file (JSON; see config/reference.jsonc)." };
        var runDir = new Option<string?>("--run-dir") { Description = "Where the run is written (default: runs/ENV-sSEED-TIMESTAMP)." };
        var workers = new Option<int?>("--workers") { Description = "Evaluators in this process (default: one per core)." };
        var generations = new Option<int?>("--generations") { Description = "Overrides the configuration's generations." };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the configuration's seed." };
        var set = new Option<string[]>("--set") { Description = "Overrides any key, e.g. --set strategy.sigma=0.1 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var broker = new Option<string?>("--broker") { Description = "Coordinate worker nodes through this RabbitMQ broker (amqp:// or amqps://); --workers may then be 0." };
        var brokerPasswordFile = new Option<string?>("--broker-password-file") { Description = "A file holding the broker password (else ES_BROKER_PASSWORD, else the URI)." };
        var command = new Command("train", "Train a policy with Evolution Strategies.") { config, runDir, workers, generations, seed, set, broker, brokerPasswordFile };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new TrainRequest(
                parse.GetValue(config)!,
                parse.GetValue(runDir),
                parse.GetValue(workers),
                parse.GetValue(generations),
                parse.GetValue(seed),
                parse.GetValue(set) ?? [],
                parse.GetValue(broker),
                parse.GetValue(brokerPasswordFile)),
            output,
            cancellationToken));
        return command;
    }

    /// <summary>Runs <c>train</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(TrainRequest request, ConsoleOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        TrainingConfig config;
        RunDirectory runDirectory;
        int workers;
        Es.Actors.Cluster.BrokerEndpoint? endpoint = null;
        try
        {
            config = LoadConfig(request);
            workers = request.Workers ?? Environment.ProcessorCount;
            endpoint = request.Broker is null ? null : ClusterTrain.ParseBroker(request);
            if (workers < (endpoint is null ? 1 : 0))
            {
                throw new ConfigException("--workers", string.Empty, $"expected a whole number of at least {(endpoint is null ? 1 : 0)}, got {workers}");
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

        if (endpoint is not null)
        {
            return await ClusterTrain.RunAsync(config, runDirectory, endpoint, workers, output, cancellationToken).ConfigureAwait(false);
        }

        await output.Out.WriteLineAsync($"run {runDirectory.RunId}: {config.Env.Name}, {config.Strategy.Name}, population {config.Strategy.Population}, {workers} evaluator(s)").ConfigureAwait(false);
        await output.Out.WriteLineAsync($"writing to {runDirectory.Path}").ConfigureAwait(false);
        var noise = await NoiseTables.BuildAsync(config, output).ConfigureAwait(false);
        CheckpointStore store;
        CheckpointJournal journal;
        try
        {
            store = StoreLocator.Open(config, runDirectory, create: true);
            store.CreateRun(runDirectory.RunId, config.Env.Name, ConfigWriter.ToJson(config));
            journal = new CheckpointJournal(store, runDirectory.RunId, store.AcquireEpoch(runDirectory.RunId), config.Persistence.SnapshotEvery, 0);
        }
        catch (Exception e) when (e is CheckpointException or ConfigException)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using (store)
        {
            var session = new TrainingSession(config, noise, ProblemFactory.Create(config));
            var prepared = new PreparedRun(config, runDirectory, noise, session, journal, new MetricsWriter(runDirectory.MetricsPath));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var signals = new StopSignals(stop, output.Error);
            return await TrainingJob.RunAsync(prepared, workers, output, stop.Token).ConfigureAwait(false);
        }
    }

    private static TrainingConfig LoadConfig(TrainRequest request)
    {
        string text;
        try
        {
            text = File.ReadAllText(request.ConfigPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigException(request.ConfigPath, string.Empty, $"cannot read the file: {e.Message}");
        }

        var overrides = new List<string>(request.Overrides);
        if (request.Generations is int g)
        {
            overrides.Add($"generations={g}");
        }

        if (request.Seed is ulong s)
        {
            overrides.Add($"seed={s}");
        }

        return ConfigLoader.Load(text, request.ConfigPath, overrides);
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
