using System.Globalization;
using Es.Actors.Cluster;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;
using Es.Seed.Hosting;
using Es.Seed.Progress;
using Es.Seed.Runs;
using RabbitMQ.Client;
using Spectre.Console;

namespace Es.Seed.Cli;

/// <summary>
/// <c>train CONFIG --broker URI [--workers N]</c>: this seed node coordinates worker nodes
/// through RabbitMQ. When another seed already coordinates the run (same run id, shared
/// PostgreSQL store) this one waits as a standby and takes over from the store when the
/// active one dies.
/// </summary>
internal static class ClusterTrain
{
    /// <summary>How long an unreachable broker is retried (ES_BROKER_CONNECT_TIMEOUT seconds overrides it).</summary>
    private static TimeSpan ConnectTimeout =>
        int.TryParse(Environment.GetEnvironmentVariable("ES_BROKER_CONNECT_TIMEOUT"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(60);

    /// <summary>Parses <c>--broker</c> (and its password source) into an endpoint.</summary>
    /// <exception cref="ConfigException">The URI or the password file is not usable.</exception>
    public static BrokerEndpoint ParseBroker(TrainRequest request)
    {
        try
        {
            return BrokerEndpoint.Parse(request.Broker!, request.BrokerPasswordFile);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException("--broker", string.Empty, e.Message);
        }
    }

    public static async Task<int> RunAsync(TrainingConfig config, RunDirectory run, BrokerEndpoint endpoint, int workers, ConsoleOutput output, CancellationToken cancellationToken)
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

        await output.Out.WriteLineAsync($"run {run.RunId}: {config.Env.Name}, {config.Strategy.Name}, population {config.Strategy.Population}, broker {endpoint.Display}, {workers} local evaluator(s)").ConfigureAwait(false);
        await output.Out.WriteLineAsync($"writing to {run.Path}").ConfigureAwait(false);
        var noise = await NoiseTables.BuildAsync(config, output).ConfigureAwait(false);
        IConnection connection;
        try
        {
            connection = await BrokerConnector.ConnectAsync(endpoint, $"es-seed {run.RunId}", ConnectTimeout, Log, stop.Token).ConfigureAwait(false);
        }
        catch (BrokerConnectException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }

        var lease = await LeaderLease.StartAsync(connection, stop.Token).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            if (!lease.Acquired.IsCompleted)
            {
                var first = await Task.WhenAny(lease.Acquired, Task.Delay(TimeSpan.FromSeconds(2), stop.Token)).ConfigureAwait(false);
                if (first != lease.Acquired)
                {
                    await output.Out.WriteLineAsync($"standby: another seed node coordinates through {endpoint.Display}; waiting to take over").ConfigureAwait(false);
                    try
                    {
                        await lease.Acquired.WaitAsync(stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        connection.Dispose();
                        return ExitCodes.Interrupted;
                    }
                }
            }

            return await CoordinateAsync(config, run, endpoint, workers, noise, connection, output, Log, stop.Token).ConfigureAwait(false);
        }
    }

    private static async Task<int> CoordinateAsync(TrainingConfig config, RunDirectory run, BrokerEndpoint endpoint, int workers, NoiseTable noise, IConnection connection, ConsoleOutput output, Action<string> log, CancellationToken stop)
    {
        Checkpointing checkpointing;
        long epoch;
        try
        {
            checkpointing = TrainCommand.NewRunCheckpointing(config, run);
            // A run another seed coordinated (it is gone) is taken over from the shared store: one more tenure.
            var history = await RunStores.ReadAsync(config, run, null, line => log($"warning: {line}")).ConfigureAwait(false);
            epoch = history.Tenures + 1;
        }
        catch (Exception e) when (e is CheckpointException or ConfigException)
        {
            connection.Dispose();
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var live = output.Interactive
            ? new LiveProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Out) }))
            : null;
        IProgressDisplay display = live is null ? new PlainProgressDisplay(output.Out) : live;
        var recorder = new RunRecorder(run, display, config.Generations, checkpointing.Checkpoints, "taking over");
        ClusterTrainingResult result;
        try
        {
            await output.Out.WriteLineAsync($"coordinating through {endpoint.Display} (epoch {epoch}); worker nodes join with: es-node --broker URI").ConfigureAwait(false);
            result = await ClusterTraining.RunAsync(
                connection, endpoint, run.RunId, config, noise, new TrainingSession(config, noise, ProblemFactory.Create(config)), checkpointing, epoch, workers, recorder,
                line => { lock (display) { display.Message(line); } }, log, stop).ConfigureAwait(false);
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

            recorder.Dispose();
        }

        var cluster = result.Cluster;
        var summary = Summaries.Build(config, run, result.Training, checkpointing.Checkpoints.WallSeconds)
            with { NodesUp = cluster.NodesUp, NodesLost = cluster.NodesLost, StaleResults = cluster.StaleResults };
        run.WriteSummary(summary);
        await Summaries.PrintAsync(summary, run, output).ConfigureAwait(false);
        int generations = Math.Max(cluster.Generations, 1);
        await output.Out.WriteLineAsync(
            $"cluster: nodes up {cluster.NodesUp}, lost {cluster.NodesLost}; tasks redelivered {cluster.TasksRedelivered}, stale results ignored {cluster.StaleResults}, " +
            $"malformed {cluster.Malformed}, dead-lettered {cluster.DeadLettered}; wire {cluster.BytesOut / generations} bytes out + {cluster.BytesIn / generations} bytes in per generation ({cluster.Generations} rounds); {cluster.WelcomeBytes} bytes of welcomes (config + snapshot)").ConfigureAwait(false);
        return result.Training.Outcome.Interrupted ? ExitCodes.Interrupted : ExitCodes.Done;
    }
}
