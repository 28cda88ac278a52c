using System.CommandLine;

namespace Es.Seed.Cli;

/// <summary>The <c>es-seed</c> command line.</summary>
public static class SeedCli
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, ConsoleOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        // The MuJoCo tasks join the registry by name only; the engine loads when one is created.
        Es.MuJoCo.MuJoCoEnvironments.Register();
        var root = new RootCommand("EsAkka: distributed Evolution Strategies training.");
        root.Subcommands.Add(TrainCommand.Create(output));
        root.Subcommands.Add(ResumeCommand.Create(output));
        root.Subcommands.Add(EvalCommand.Create(output));
        root.Subcommands.Add(RunsCommand.Create(output));
        root.Subcommands.Add(Bench.BenchCommand.Create(output));
        root.Subcommands.Add(DashboardCommand.Create(output));
        root.Subcommands.Add(Plot.PlotCommand.Create(output));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await output.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await output.Error.WriteLineAsync("Run 'es-seed --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output.Out,
            Error = output.Error,
            // train handles Ctrl+C itself: it finishes the round in progress and records it.
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
