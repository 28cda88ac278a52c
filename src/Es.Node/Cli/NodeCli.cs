using System.CommandLine;

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

    /// <summary>Parses and runs; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var broker = new Option<string>("--broker") { Description = "The broker to join, e.g. amqp://user@host:5672/.", Required = true };
        var workers = new Option<int?>("--workers") { Description = "Evaluators on this node (default: one per core)." };
        var root = new RootCommand("EsAkka worker node: adds this machine's cores to a run.") { broker, workers };
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

        var uriText = parse.GetValue(broker)!;
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            await error.WriteLineAsync($"error: --broker: expected an amqp:// or amqps:// URI, got \"{uriText}\"").ConfigureAwait(false);
            return BadInput;
        }

        if (parse.GetValue(workers) is int n && n < 1)
        {
            await error.WriteLineAsync($"error: --workers: expected a whole number of at least 1, got {n}").ConfigureAwait(false);
            return BadInput;
        }

        await error.WriteLineAsync(
            $"error: cannot join {uri.Host}:{(uri.IsDefaultPort ? 5672 : uri.Port)}: this build has only the embedded fabric; " +
            "the RabbitMQ fabric for worker nodes is not implemented yet (run 'es-seed train' to train on this machine)").ConfigureAwait(false);
        return Failed;
    }
}
