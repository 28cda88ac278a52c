using System.CommandLine;
using System.Runtime.InteropServices;
using Es.Dashboard.Runs;
using Es.Dashboard.Server;
using Es.Seed.Dashboard;

namespace Es.Seed.Cli;

/// <summary><c>dashboard [RUNS_DIR] [--listen HOST:PORT]</c>: the run browser, read-only, until Ctrl+C or SIGTERM.</summary>
public static class DashboardCommand
{
    /// <summary>Where the run browser listens unless told.</summary>
    public const string DefaultListen = "127.0.0.1:8080";

    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var directory = new Argument<string>("RUNS_DIR") { Description = "Where run directories are (default: runs); it may be one run.", Arity = ArgumentArity.ZeroOrOne };
        var listen = new Option<string?>("--listen") { Description = $"[HOST:]PORT to serve at (default {DefaultListen}; loopback unless a host is given)." };
        var command = new Command("dashboard", "Browse runs in a web page, read-only: learning curves (several runs overlaid), configuration, status, /metrics.") { directory, listen };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(directory) ?? "runs", parse.GetValue(listen) ?? DefaultListen, output, cancellationToken));
        return command;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> or a stop signal; returns the exit code.</summary>
    public static async Task<int> RunAsync(string directory, string listen, ConsoleOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Directory.Exists(directory))
        {
            await output.Error.WriteLineAsync($"error: {directory}: no such directory").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        DashboardServer server;
        try
        {
            server = await DashboardServer.StartBrowserAsync(DashboardEndpoint.Parse(listen), new RunFolderCatalog(directory, SolvedThresholds.Of), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            await output.Error.WriteLineAsync($"error: --listen: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using (server.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            await output.Out.WriteLineAsync($"run browser for {Path.GetFullPath(directory)}: {server.Url} (Ctrl+C stops)").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // asked to stop
            }

            return ExitCodes.Done;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        }
    }
}
