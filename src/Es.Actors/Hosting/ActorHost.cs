using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Es.Actors.Hosting;

/// <summary>
/// An Akka.NET actor system set up for a run, hosted the way Akka.NET applications are
/// (Akka.Hosting on a Microsoft.Extensions.Hosting host): the embedded default configuration
/// (<see cref="DefaultConfig"/>) under the caller's overrides, Akka's log bridged to
/// Microsoft.Extensions.Logging and written as lines for the caller
/// (<see cref="LogLineLoggerProvider"/>; Akka's own information is left out, its warnings
/// and errors pass), and a <see cref="RunGuardianActor"/> under which the run's top-level actors live,
/// so that a failure of one of them is reported (<see cref="TopLevelFailure"/>) instead of
/// restarting it with its state lost.
/// </summary>
public sealed class ActorHost : IAsyncDisposable
{
    /// <summary>
    /// The embedded defaults. Nothing goes straight to the console (Akka's loggers are set by
    /// <see cref="Start"/>: the bridge to Microsoft.Extensions.Logging); dead letters are expected when a run ends with
    /// tasks in flight, so they are not logged; the host, not the CLR's exit hook, decides
    /// when the system stops (Ctrl+C finishes the generation in progress first).
    /// Evaluators get a thread each (<see cref="EvaluatorDispatcher"/>): an episode may run
    /// for seconds, and it must never hold a thread the coordinator or the pool needs. The
    /// pool and the coordinator run their turns on the evaluator's thread whose message
    /// started them (<see cref="CoordinationDispatcher"/>).
    /// </summary>
    public const string DefaultConfig = """
        akka {
          loglevel = INFO
          stdout-loglevel = OFF
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        es.evaluator-dispatcher {
          type = PinnedDispatcher
        }
        es.coordination-dispatcher {
          type = "Es.Actors.Hosting.CallerRunsDispatcherConfigurator, Es.Actors"
        }
        """;

    /// <summary>The dispatcher evaluators run on: a dedicated thread each.</summary>
    public const string EvaluatorDispatcher = "es.evaluator-dispatcher";

    /// <summary>The dispatcher the evaluator pools and the coordinator run on (<see cref="CallerRunsDispatcher"/>).</summary>
    public const string CoordinationDispatcher = "es.coordination-dispatcher";

    private static readonly TimeSpan TerminationPatience = TimeSpan.FromSeconds(10);
    private readonly IActorRef _guardian;
    private readonly IHost _host;

    private ActorHost(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
        _guardian = System.ActorOf(RunGuardianActor.Props((actor, reason) => TopLevelFailure?.Invoke(actor, reason)), "run");
    }

    /// <summary>Raised (on an actor's thread) when a top-level actor of the run failed; it has been stopped.</summary>
    public event Action<IActorRef, Exception>? TopLevelFailure;

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>Starts an actor system named <paramref name="name"/>.</summary>
    /// <param name="name">The system's name (part of every actor's path).</param>
    /// <param name="log">Receives Akka's log, one line per event; null = discarded.</param>
    /// <param name="overrides">HOCON that takes precedence over <see cref="DefaultConfig"/> (a test scheduler, a user's <c>akka</c> section).</param>
    /// <param name="setup">A programmatic set-up for the system (a cluster node's TLS), or null.</param>
    public static ActorHost Start(string name, Action<string>? log = null, Config? overrides = null, Akka.Actor.Setup.Setup? setup = null)
    {
        var config = ConfigurationFactory.ParseString(DefaultConfig);
        if (overrides is not null)
        {
            config = overrides.WithFallback(config);
        }

        // No defaults: no appsettings files, environment variables or console logger are read in.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = name });
        builder.Logging.AddProvider(new LogLineLoggerProvider(log ?? (static _ => { })));
        // Akka.Hosting takes Akka's level from the logging's minimum: both follow akka.loglevel.
        var level = Akka.Event.Logging.LogLevelFor(config.GetString("akka.loglevel", "INFO"));
        builder.Logging.SetMinimumLevel(level switch
        {
            Akka.Event.LogLevel.DebugLevel => LogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => LogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => LogLevel.Warning,
            _ => LogLevel.Error,
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning); // the host's own start and stop
        builder.Services.AddAkka(name, akka =>
        {
            akka.AddHocon(config, HoconAddMode.Prepend);
            if (setup is not null)
            {
                akka.AddSetup(setup);
            }

            if (!config.HasPath("akka.loggers"))
            {
                // Akka's log to Microsoft.Extensions.Logging, unless the user named loggers of their own.
                akka.ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = level;
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                });
            }
        });
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult(); // creates the actor system; nothing in it waits on a context
        return new ActorHost(host);
    }

    /// <summary>Creates a top-level actor of the run, supervised by the run's guardian.</summary>
    public Task<IActorRef> SpawnAsync(Props props, string name) =>
        _guardian.Ask<IActorRef>(new RunGuardianActor.Spawn(props, name), TerminationPatience);

    /// <summary>
    /// Terminates the system: Akka's coordinated shutdown runs first (evaluator pools give
    /// up on episodes still running there), then every actor stops. Bounded, so an
    /// environment that ignores cancellation cannot keep the process alive.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await System.Terminate().WaitAsync(TerminationPatience).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // an evaluator thread still inside an environment: the process ends without it
        }

        using var patience = new CancellationTokenSource(TerminationPatience);
        await _host.StopAsync(patience.Token).ConfigureAwait(false);
        _host.Dispose();
    }
}
