using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Es.TestKit;

/// <summary>
/// A throw-away RabbitMQ broker (Debian's <c>rabbitmq-server</c>) in a temporary directory
/// on a free port, with its own node name, distribution port, epmd and no plugins,
/// stopped by its process id (never by name). It runs as the <c>rabbitmq</c> user, which
/// must own its directories. It can be stopped and started again on the same port and
/// data (a broker restart), and started inside a network namespace.
/// </summary>
public sealed class RabbitMqServer : IDisposable
{
    private const string Binary = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly string _directory;
    private readonly string? _netns;
    private readonly int _epmdPort;
    private readonly int _distPort;
    private Process? _broker;
    private Process? _epmd;

    private RabbitMqServer(string directory, string address, int port, string? netns)
    {
        _directory = directory;
        Address = address;
        Port = port;
        _netns = netns;
        _epmdPort = FreePort();
        _distPort = FreePort();
        Password = Guid.NewGuid().ToString("N");
    }

    /// <summary>The address it listens on.</summary>
    public string Address { get; }

    /// <summary>The AMQP port.</summary>
    public int Port { get; }

    /// <summary>The user the tests log in as (not guest).</summary>
    public string User { get; } = "es";

    /// <summary>The user's password.</summary>
    public string Password { get; }

    /// <summary>A URI without the password (pass it in ES_BROKER_PASSWORD).</summary>
    public string Uri => $"amqp://{User}@{Address}:{Port}/";

    /// <summary>A URI with the password.</summary>
    public string UriWithPassword => $"amqp://{User}:{Password}@{Address}:{Port}/";

    /// <summary>True when Debian's rabbitmq-server is installed.</summary>
    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>Starts a broker on <paramref name="address"/> (default loopback), optionally inside network namespace <paramref name="netns"/>.</summary>
    public static RabbitMqServer Start(string address = "127.0.0.1", string? netns = null)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Binary} not found; install Debian's rabbitmq-server package (bash scripts/test.sh does)");
        }

        var directory = Directory.CreateTempSubdirectory("es-rabbitmq-").FullName;
        var server = new RabbitMqServer(directory, address, netns is null ? FreePort() : 5672, netns);
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "mnesia"));
            Directory.CreateDirectory(Path.Combine(directory, "log"));
            File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[].\n");
            File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"), string.Join('\n',
                $"listeners.tcp.default = {address}:{server.Port}",
                $"default_user = {server.User}",
                $"default_pass = {server.Password}",
                "loopback_users = none",
                "log.console = false",
                string.Empty));
            Run("chown", "-R", "rabbitmq:rabbitmq", directory);
            server.StartProcesses();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Stops the broker (SIGTERM by pid: a clean shutdown; its data stays) and starts it again on the same port.</summary>
    public void Restart()
    {
        StopBroker();
        StartBroker();
    }

    /// <summary>Stops the broker by pid (its data stays).</summary>
    public void StopBroker()
    {
        if (_broker is { HasExited: false })
        {
            Run("kill", "-TERM", _broker.Id.ToString(CultureInfo.InvariantCulture));
            if (!_broker.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _broker.Kill();
                _broker.WaitForExit();
            }
        }

        _broker?.Dispose();
        _broker = null;
    }

    /// <summary>Starts the broker again after <see cref="StopBroker"/>.</summary>
    public void StartBroker()
    {
        var start = Wrap(Binary, "-noinput");
        start.Environment["HOME"] = _directory;
        start.Environment["RABBITMQ_ALLOW_INPUT"] = "true"; // exec erl directly: the pid we hold is the broker's
        start.Environment["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_NODENAME"] = $"es{Port}-{_epmdPort}@localhost";
        start.Environment["RABBITMQ_DIST_PORT"] = _distPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        start.WorkingDirectory = _directory;
        _broker = Process.Start(start)!;
        _broker.StandardOutput.ReadToEndAsync();
        _broker.StandardError.ReadToEndAsync();
        WaitUntilReady();
    }

    /// <summary>Stops broker and epmd by their process ids and removes the directory.</summary>
    public void Dispose()
    {
        StopBroker();
        if (_epmd is { HasExited: false })
        {
            _epmd.Kill();
            _epmd.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _epmd?.Dispose();
        _epmd = null;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The broker's log (for failure messages).</summary>
    public string LogTail()
    {
        var log = Directory.Exists(Path.Combine(_directory, "log")) ? Directory.GetFiles(Path.Combine(_directory, "log"), "*.log").FirstOrDefault() : null;
        return log is null ? "(no log)" : string.Join('\n', File.ReadLines(log).TakeLast(30));
    }

    private void StartProcesses()
    {
        // Our own epmd, in the foreground, so it is stopped by pid with the broker.
        var epmd = Wrap("epmd", "-port", _epmdPort.ToString(CultureInfo.InvariantCulture));
        _epmd = Process.Start(epmd)!;
        _epmd.StandardOutput.ReadToEndAsync();
        _epmd.StandardError.ReadToEndAsync();
        StartBroker();
    }

    private ProcessStartInfo Wrap(string program, params string[] args)
    {
        var start = new ProcessStartInfo(_netns is null ? "setpriv" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (_netns is not null)
        {
            foreach (var a in new[] { "netns", "exec", _netns, "setpriv" })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in new[] { "--reuid=rabbitmq", "--regid=rabbitmq", "--init-groups", program })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    private void WaitUntilReady()
    {
        var factory = new ConnectionFactory { HostName = Address, Port = Port, UserName = User, Password = Password, RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (_broker!.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with {_broker.ExitCode} while starting:\n{LogTail()}");
            }

            try
            {
                if (_netns is not null)
                {
                    // This process is not in the namespace: probe from inside it. The broker
                    // opens its AMQP listener as the last step of booting.
                    if (ListensInNamespace())
                    {
                        return;
                    }

                    Thread.Sleep(250); // polling a server that is booting, not synchronising a test
                    continue;
                }

                using var connection = factory.CreateConnectionAsync().GetAwaiter().GetResult();
                return;
            }
            catch (Exception e)
            {
                last = e;
                Thread.Sleep(250); // polling a server that is booting, not synchronising a test
            }
        }

        throw new TimeoutException($"rabbitmq-server did not accept connections on {Address}:{Port} within 180 s ({last?.Message}):\n{LogTail()}");
    }

    private bool ListensInNamespace()
    {
        var probe = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", _netns!, "bash", "-c", $"exec 3<>/dev/tcp/{Address}/{Port}" })
        {
            probe.ArgumentList.Add(a);
        }

        using var process = Process.Start(probe)!;
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        }
    }
}
