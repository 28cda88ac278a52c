using System.CommandLine;
using System.Runtime.InteropServices;
using Es.Actors.Cluster;

namespace Es.Node.Cli;

/// <summary>
/// The <c>es-node</c> command line: <c>--seed-node HOST:PORT [--seed-node …] [--listen HOST:PORT]
/// [--public-host NAME] [--workers N]</c>. A worker node joins the cluster of a seed node and
/// scores tasks of its run; it needs no configuration file (the coordinator sends it).
/// </summary>
public static class NodeCli
{
    /// <summary>Exit code for bad input (and for a coordinator of another protocol version).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a failure.</summary>
    public const int Failed = 1;

    /// <summary>Exit code when stopped by a signal before the run ended.</summary>
    public const int Interrupted = 130;

    /// <summary>The environment variable that may hold the TLS certificate's password.</summary>
    public const string TlsPasswordVariable = "ES_TLS_PASSWORD";

    /// <summary>Parses and runs; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // The MuJoCo tasks join the registry by name only; the engine loads when one is created.
        Es.MuJoCo.MuJoCoEnvironments.Register();
        var seedNode = new Option<string[]>("--seed-node") { Description = "A seed node to join, HOST:PORT (akka.cluster.seed-nodes; repeatable).", Required = true, AllowMultipleArgumentsPerToken = false };
        var listen = new Option<string?>("--listen") { Description = "Where this node listens, HOST:PORT (akka.remote.dot-netty.tcp.hostname/port; default 127.0.0.1:0 when the seed is on this machine, else 0.0.0.0:0)." };
        var publicHost = new Option<string?>("--public-host") { Description = "The name other nodes reach this one by (akka.remote.dot-netty.tcp.public-hostname; default: the --listen host, or this machine's name for 0.0.0.0)." };
        var workers = new Option<int?>("--workers") { Description = "Evaluators on this node (default: one per core)." };
        var tlsCertificate = new Option<string?>("--tls-certificate") { Description = "Remoting over TLS with this PKCS#12 file (akka.remote.dot-netty.tcp.enable-ssl, ssl.certificate.path)." };
        var tlsPasswordFile = new Option<string?>("--tls-password-file") { Description = $"A file holding the certificate's password (else {TlsPasswordVariable})." };
        var root = new RootCommand("EsAkka worker node: adds this machine's cores to a run.") { seedNode, listen, publicHost, workers, tlsCertificate, tlsPasswordFile };
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

        ClusterOptions options;
        try
        {
            var seeds = (parse.GetValue(seedNode) ?? []).Select(s => Endpoint("--seed-node", s, 1)).ToList();
            bool local = seeds.All(s => s.Host is "localhost" || s.Host.StartsWith("127.", StringComparison.Ordinal));
            var bind = Endpoint("--listen", parse.GetValue(listen) ?? (local ? "127.0.0.1:0" : "0.0.0.0:0"), 0);
            options = new ClusterOptions(bind, parse.GetValue(publicHost), seeds, Coordinator: false, Tls(parse.GetValue(tlsCertificate), parse.GetValue(tlsPasswordFile)));
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }

        if (parse.GetValue(workers) is int n && n < 1)
        {
            await error.WriteLineAsync($"error: --workers: expected a whole number of at least 1, got {n}").ConfigureAwait(false);
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
            Say($"es-node: {identity.Workers} evaluator(s), listening on {options.Listen}, advertised as {options.AdvertisedHost}{(options.Tls is null ? string.Empty : ", TLS")}");
            var exit = await ClusterNode.RunAsync(options, identity, Say, Log, stop.Token).ConfigureAwait(false);
            return exit == NodeExit.Stopped ? Interrupted : 0;
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
            Log($"error: {e.GetBaseException().Message}");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static ClusterEndpoint Endpoint(string flag, string text, int minPort)
    {
        try
        {
            return ClusterEndpoint.Parse(text, minPort);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{flag}: {e.Message}", e);
        }
    }

    private static TlsOptions? Tls(string? certificate, string? passwordFile)
    {
        if (certificate is null)
        {
            return null;
        }

        if (!File.Exists(certificate))
        {
            throw new ArgumentException($"--tls-certificate: expected a PKCS#12 certificate file, but {certificate} does not exist");
        }

        try
        {
            string password = passwordFile is not null ? File.ReadAllText(passwordFile).TrimEnd('\r', '\n') : Environment.GetEnvironmentVariable(TlsPasswordVariable) ?? string.Empty;
            var tls = new TlsOptions(Path.GetFullPath(certificate), password);
            ClusterTls.LoadCertificate(tls).Dispose(); // a wrong password or file stops here, before any port is opened
            return tls;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--tls-password-file: cannot read {passwordFile}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--tls-certificate: {e.Message}", e);
        }
    }
}
