using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Es.TestKit;

/// <summary>
/// A throw-away PostgreSQL server (Debian's <c>postgresql</c> package) in a temporary
/// directory on a free loopback port, stopped by its process id. As root, the server runs
/// as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _binaries;
    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private int _pid;

    private PostgresServer(string binaries, string directory, int port, bool asPostgresUser)
    {
        _binaries = binaries;
        _directory = directory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string for the superuser <c>es</c> (trust authentication on loopback).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=es;Database=postgres;Pooling=false;Timeout=15";

    /// <summary>Initialises and starts a server; throws with what is missing when PostgreSQL is not installed.</summary>
    public static PostgresServer Start()
    {
        var binaries = FindBinaries();
        bool root = Environment.UserName == "root";
        var directory = Directory.CreateTempSubdirectory("es-postgres-").FullName;
        var server = new PostgresServer(binaries, directory, FreePort(), root);
        try
        {
            if (root)
            {
                Run("chown", "-R", "postgres:postgres", directory);
            }

            var data = Path.Combine(directory, "data");
            server.RunAsServerUser("initdb", "-D", data, "-U", "es", "-A", "trust", "--no-sync", "-E", "UTF8");
            var options = $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off";
            server.RunAsServerUser("pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(directory, "server.log"), "-o", options);
            server._pid = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server by its process id and removes its directory.</summary>
    public void Dispose()
    {
        if (_pid > 0)
        {
            try
            {
                using var process = Process.GetProcessById(_pid);
                Run("kill", "-TERM", _pid.ToString(CultureInfo.InvariantCulture));
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
            catch (ArgumentException)
            {
                // already gone
            }

            _pid = 0;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql; install Debian's postgresql package (bash scripts/test.sh does)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunAsServerUser(string program, params string[] args)
    {
        var path = Path.Combine(_binaries, program);
        if (_asPostgresUser)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}
