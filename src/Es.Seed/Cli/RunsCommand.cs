using System.CommandLine;
using System.Globalization;
using Es.Actors.Persistence;
using Es.Core.Configuration;

namespace Es.Seed.Cli;

/// <summary><c>runs [DIR] [--postgres]</c>: the runs in the SQLite stores under DIR, or in the PostgreSQL store.</summary>
public static class RunsCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var directory = new Argument<string>("DIR") { Description = "Where run directories are (default: runs).", Arity = ArgumentArity.ZeroOrOne };
        var postgres = new Option<bool>("--postgres") { Description = $"List the PostgreSQL store named by {PersistenceOptions.ConnectionStringVariable} instead." };
        var command = new Command("runs", "List runs: id, environment, generations, best return, status (running / finished / solved / interrupted / crashed).") { directory, postgres };
        command.SetAction(parse => Run(parse.GetValue(directory) ?? "runs", parse.GetValue(postgres), output));
        return command;
    }

    /// <summary>Runs <c>runs</c>; returns the exit code.</summary>
    public static int Run(string directory, bool postgres, ConsoleOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<StoredRun>();
        try
        {
            if (postgres)
            {
                var connection = Environment.GetEnvironmentVariable(PersistenceOptions.ConnectionStringVariable);
                if (string.IsNullOrWhiteSpace(connection))
                {
                    output.Error.WriteLine($"error: --postgres: {PersistenceOptions.ConnectionStringVariable} is not set");
                    return ExitCodes.BadInput;
                }

                using var store = CheckpointStore.OpenPostgres(connection);
                rows.AddRange(store.ListRuns());
            }
            else
            {
                if (!Directory.Exists(directory))
                {
                    output.Error.WriteLine($"error: {directory}: no such directory");
                    return ExitCodes.BadInput;
                }

                // DIR itself may be a run; otherwise its subdirectories are.
                var stores = Directory.EnumerateDirectories(directory).Prepend(directory)
                    .Select(d => Path.Combine(d, "store.db")).Where(File.Exists).Order(StringComparer.Ordinal);
                foreach (var path in stores)
                {
                    using var store = CheckpointStore.OpenSqlite(path, createIfMissing: false);
                    rows.AddRange(store.ListRuns());
                }
            }
        }
        catch (CheckpointException e)
        {
            output.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        Print(rows, output.Out);
        return ExitCodes.Done;
    }

    private static void Print(List<StoredRun> runs, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var table = runs.Select(r => new[]
        {
            r.RunId, r.Env, r.Generations.ToString(c), r.BestEvalReturn is double b ? b.ToString("F2", c) : "-", CheckpointStore.EffectiveStatus(r),
        }).Prepend(["RUN", "ENV", "GENERATIONS", "BEST RETURN", "STATUS"]).ToList();
        var widths = Enumerable.Range(0, 5).Select(i => table.Max(row => row[i].Length)).ToArray();
        foreach (var row in table)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        if (runs.Count == 0)
        {
            output.WriteLine("(no runs)");
        }
    }
}
