using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace Es.Seed.Tests.Cli;

/// <summary>
/// An Akka logger that notes the settings of each actor system it starts in. Named in a
/// configuration's <c>akka.loggers</c>, it is created inside the very actor systems a run
/// trains with, so what it notes is what reached them.
/// </summary>
public sealed class SettingsProbeLogger : ReceiveActor
{
    public SettingsProbeLogger()
    {
        var config = Context.System.Settings.Config;
        Seen.Add($"{Context.System.Name}: {config.GetString("akka.test-marker")}, loglevel {config.GetString("akka.loglevel")}");
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(_ => { });
    }

    /// <summary>One line per actor system: its name, the marker its test set, its log level.</summary>
    public static ConcurrentBag<string> Seen { get; } = [];

    /// <summary>A two-generation quadratic run in HOCON whose actor systems log to this probe, marked with <paramref name="marker"/>.</summary>
    public static string Quadratic(string marker) => $$"""
        generations = 2
        env.name = quadratic
        strategy.population = 8
        noise.table_size = 4096
        evaluation.episodes = 1
        akka {
          loglevel = DEBUG
          test-marker = {{marker}}
          loggers = ["{{typeof(SettingsProbeLogger).FullName}}, {{typeof(SettingsProbeLogger).Assembly.GetName().Name}}"]
        }
        """;
}
