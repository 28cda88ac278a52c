using System.CommandLine;
using System.Runtime.InteropServices;
using Es.Actors.Cluster;

namespace Es.Node.Cli;

/// <summary>
/// The <c>es-node</c> command line: <c>--broker URI [--workers N]</c>. A worker node joins
/// a run through a broker; it needs no configuration file (the coordinator sends it).
/// </summary>
public static class NodeCli
{
    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a failure.</summary>
    public const int Failed = 1;

    /// <summary>Exit code when stopped by a signal before the run ended.</summary>
    public const int Interrupted = 130;

    /// <summary>Parses and runs; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // The MuJoCo tasks join the registry by name only; the engine loads when one is created.
        Es.MuJoCo.MuJoCoEnvironments.Register();
        var broker = new Option<string>("--broker") { Description = "The broker to join, e.g. amqp://user@host:5672/.", Required = true };
        var workers = new Option<int?>("--workers") { Description = "Evaluators on this node (default: one per core)." };
        var passwordFile = new Option<string?>("--broker-password-file") { Description = $"A file holding the broker password (else {BrokerEndpoint.PasswordVariable}, else the URI)." };
        var connectTimeout = new Option<int?>("--connect-timeout") { Description = "Seconds to keep trying an unreachable broker (default 60)." };
        var root = new RootCommand("EsAkka worker node: adds this machine's cores to a run.") { broker, workers, passwordFile, connectTimeout };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            }

            return BadInput;
        }

        if (parse.Action is not null)
        {
            // --help or --version: the root command itself has no action
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
        }

        BrokerEndpoint endpoint;
        try
        {
            endpoint = BrokerEndpoint.Parse(parse.GetValue(broker)!, parse.GetValue(passwordFile));
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: --broker: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }

        if (parse.GetValue(workers) is int n && n < 1)
        {
            await error.WriteLineAsync($"error: --workers: expected a whole number of at least 1, got {n}").ConfigureAwait(false);
            return BadInput;
        }

        if (parse.GetValue(connectTimeout) is int t && t < 1)
        {
            await error.WriteLineAsync($"error: --connect-timeout: expected a whole number of seconds of at least 1, got {t}").ConfigureAwait(false);
            return BadInput;
        }

        var identity = NodeIdentity.ForThisProcess(parse.GetValue(workers) ?? Environment.ProcessorCount);
        using var stop = new CancellationTokenSource();
        using var sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        object gate = new();
        void Say(string line)
        {
            lock (gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        void Log(string line)
        {
            lock (gate)
            {
                error.WriteLine(line);
                error.Flush();
            }
        }

        try
        {
            Say($"es-node: {identity.Workers} evaluator(s), joining through {endpoint.Display}");
            var exit = await ClusterNode.RunAsync(endpoint, identity, Say, Log, TimeSpan.FromSeconds(parse.GetValue(connectTimeout) ?? 60), null, stop.Token).ConfigureAwait(false);
            return exit == NodeExit.Stopped ? Interrupted : 0;
        }
        catch (BrokerConnectException e)
        {
            Log($"error: {e.Message}");
            return Failed;
        }
        catch (ProtocolVersionException e)
        {
            Log($"error: {e.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            return Interrupted;
        }
        catch (Exception e)
        {
            Log($"error: {e.Message}");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
