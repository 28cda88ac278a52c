using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

namespace Es.Actors.Hosting;

/// <summary>
/// An Akka.NET actor system set up for a run: the embedded default configuration
/// (<see cref="DefaultConfig"/>) under the caller's overrides, Akka's log as lines for the
/// host, and a <see cref="RunGuardianActor"/> under which the run's top-level actors live,
/// so that a failure of one of them is reported (<see cref="TopLevelFailure"/>) instead of
/// restarting it with its state lost.
/// </summary>
public sealed class ActorHost : IAsyncDisposable
{
    /// <summary>
    /// The embedded defaults. Akka's own messages go through <see cref="LogLineLogger"/>
    /// (nothing straight to the console); dead letters are expected when a run ends with
    /// tasks in flight, so they are not logged; the host, not the CLR's exit hook, decides
    /// when the system stops (Ctrl+C finishes the generation in progress first).
    /// Evaluators get a thread each (<see cref="EvaluatorDispatcher"/>): an episode may run
    /// for seconds, and it must never hold a thread the coordinator or the pool needs.
    /// </summary>
    public const string DefaultConfig = """
        akka {
          loglevel = INFO
          stdout-loglevel = OFF
          loggers = ["Es.Actors.Hosting.LogLineLogger, Es.Actors"]
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        es.evaluator-dispatcher {
          type = PinnedDispatcher
        }
        """;

    /// <summary>The dispatcher evaluators run on: a dedicated thread each.</summary>
    public const string EvaluatorDispatcher = "es.evaluator-dispatcher";

    private static readonly TimeSpan TerminationPatience = TimeSpan.FromSeconds(10);
    private readonly IActorRef _guardian;

    private ActorHost(ActorSystem system)
    {
        System = system;
        _guardian = system.ActorOf(RunGuardianActor.Props((actor, reason) => TopLevelFailure?.Invoke(actor, reason)), "run");
    }

    /// <summary>Raised (on an actor's thread) when a top-level actor of the run failed; it has been stopped.</summary>
    public event Action<IActorRef, Exception>? TopLevelFailure;

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>Starts an actor system named <paramref name="name"/>.</summary>
    /// <param name="name">The system's name (part of every actor's path).</param>
    /// <param name="log">Receives Akka's log, one line per event; null = discarded.</param>
    /// <param name="overrides">HOCON that takes precedence over <see cref="DefaultConfig"/> (a test scheduler, a user's <c>akka</c> section).</param>
    public static ActorHost Start(string name, Action<string>? log = null, Config? overrides = null)
    {
        var config = ConfigurationFactory.ParseString(DefaultConfig);
        if (overrides is not null)
        {
            config = overrides.WithFallback(config);
        }

        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config), new LogLineSetup(log ?? (static _ => { })));
        return new ActorHost(ActorSystem.Create(name, setup));
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
    }
}
