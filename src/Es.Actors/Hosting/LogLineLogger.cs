using Akka.Actor;
using Akka.Event;

namespace Es.Actors.Hosting;

/// <summary>
/// Akka's logger for our hosts: each log event becomes one line for the host's log
/// (<see cref="LogLineSetup"/>), so Akka's warnings and errors reach the user the way the
/// program's own diagnostics do, and nothing is printed straight to the console.
/// Configured in <see cref="ActorHost.DefaultConfig"/> (<c>akka.loggers</c>).
/// </summary>
public sealed class LogLineLogger : ReceiveActor
{
    /// <summary>Created by Akka's logging bus from the configured type name.</summary>
    public LogLineLogger()
    {
        var setup = Context.System.Settings.Setup.Get<LogLineSetup>();
        Action<string> write = setup.HasValue ? setup.Value.Write : static _ => { };
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            if (e.LogLevel() >= LogLevel.WarningLevel || !IsAkkas(e))
            {
                write(Format(e));
            }
        });
    }

    /// <summary>Akka's own information (shutdown phases, start-up) is no news to the user: only its warnings and errors pass.</summary>
    private static bool IsAkkas(LogEvent e) =>
        e.LogClass?.Namespace?.StartsWith("Akka", StringComparison.Ordinal) ?? e.LogSource.Contains("CoordinatedShutdown", StringComparison.Ordinal);

    private static string Format(LogEvent e)
    {
        var message = e.Message?.ToString() ?? "";
        var line = e.LogLevel() switch
        {
            LogLevel.WarningLevel => "warning: " + message,
            LogLevel.ErrorLevel => "error: " + message,
            _ => message,
        };
        return e.Cause is null ? line : $"{line} ({e.Cause.GetType().Name}: {e.Cause.Message})";
    }
}
