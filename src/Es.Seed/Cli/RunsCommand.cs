using System.CommandLine;
using System.Globalization;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Core.Configuration;
using Es.Seed.Hosting;
using Es.Seed.Runs;
using Npgsql;

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
        command.SetAction((parse, _) => RunAsync(parse.GetValue(directory) ?? "runs", parse.GetValue(postgres), output));
        return command;
    }

    /// <summary>Runs <c>runs</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string directory, bool postgres, ConsoleOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<(string RunId, RunHistory? History, string? Problem)>();
        try
        {
            if (postgres)
            {
                var connection = Environment.GetEnvironmentVariable(PersistenceOptions.ConnectionStringVariable);
                if (string.IsNullOrWhiteSpace(connection))
                {
                    await output.Error.WriteLineAsync($"error: --postgres: {PersistenceOptions.ConnectionStringVariable} is not set").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                var host = ActorHost.Start("es-runs", line => output.Error.WriteLine(line), RunPersistence.Postgres(connection));
                await using (host.ConfigureAwait(false))
                {
                    foreach (var runId in await PersistenceIdsAsync(connection).ConfigureAwait(false))
                    {
                        rows.Add((runId, await RunReader.ReadAsync(host.System, runId).ConfigureAwait(false), null));
                    }
                }
            }
            else
            {
                if (!Directory.Exists(directory))
                {
                    await output.Error.WriteLineAsync($"error: {directory}: no such directory").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                // DIR itself may be a run; otherwise its subdirectories are.
                var runs = Directory.EnumerateDirectories(directory).Prepend(directory)
                    .Where(d => File.Exists(Path.Combine(d, "store.db")) && File.Exists(Path.Combine(d, "config.json"))).Order(StringComparer.Ordinal);
                foreach (var path in runs)
                {
                    rows.Add(await ReadAsync(path).ConfigureAwait(false));
                }
            }
        }
        catch (CheckpointException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is StoreUnavailableException or NpgsqlException)
        {
            // The store's server is down or unreachable now: not bad input, nothing to fix in the command.
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        Print(rows, output.Out);
        return ExitCodes.Done;
    }

    /// <summary>One run directory; a store that cannot be read is listed with what is wrong, never fails the listing.</summary>
    private static async Task<(string RunId, RunHistory? History, string? Problem)> ReadAsync(string path)
    {
        var run = RunDirectory.Open(path);
        try
        {
            var config = ConfigLoader.Load(await File.ReadAllTextAsync(run.ConfigPath).ConfigureAwait(false), run.ConfigPath);
            RunStores.CheckReadable(config, run);
            return (run.RunId, await RunStores.ReadAsync(config, run, null, _ => { }).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is CheckpointException or StoreUnavailableException or ConfigException or IOException or Microsoft.Data.Sqlite.SqliteException or UnauthorizedAccessException)
        {
            return (run.RunId, null, e is CheckpointException && e.Message.Contains("earlier EsAkka", StringComparison.Ordinal) ? "earlier format" : "unreadable");
        }
    }

    /// <summary>The runs in a PostgreSQL store: the persistence ids of Akka.Persistence.Sql's journal table.</summary>
    private static async Task<List<string>> PersistenceIdsAsync(string connectionString)
    {
        var ids = new List<string>();
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT DISTINCT persistence_id FROM journal ORDER BY persistence_id", connection);
            await using (command.ConfigureAwait(false))
            {
                try
                {
                    var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync().ConfigureAwait(false))
                        {
                            ids.Add(reader.GetString(0));
                        }
                    }
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    // no run has been written to this database yet
                }
            }
        }

        return ids;
    }

    private static void Print(List<(string RunId, RunHistory? History, string? Problem)> runs, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var table = runs.Select(r => r.History is { } h
            ? new[] { r.RunId, h.Env ?? "-", h.Generations.ToString(c), h.BestEvalReturn is double b ? b.ToString("F2", c) : "-", h.EffectiveStatus() }
            : [r.RunId, "-", "-", "-", r.Problem ?? "unreadable"])
            .Prepend(["RUN", "ENV", "GENERATIONS", "BEST RETURN", "STATUS"]).ToList();
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
