using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Es.Actors.Hosting;

/// <summary>
/// The host's Microsoft.Extensions.Logging sink: each entry becomes one line for the caller
/// (<c>warning: …</c>, <c>error: …</c>, or the message itself), so Akka's warnings and errors,
/// bridged by Akka.Hosting, reach the user the way the program's own diagnostics do, and
/// nothing is printed straight to the console. Akka's own information (start-up, shutdown
/// phases) is no news to the user and is left out; its warnings and errors pass.
/// </summary>
/// <param name="write">Receives one line per entry.</param>
public sealed partial class LogLineLoggerProvider(Action<string> write) : ILoggerProvider
{
    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new LineLogger(write);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed partial class LineLogger(Action<string> write) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(MelLogLevel logLevel) => logLevel != MelLogLevel.None;

        public void Log<TState>(MelLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Akka.Hosting's bridge logs every Akka event under the actor system's category,
            // with who logged it in the state (LogSource) and Akka's header before the message.
            string? source = Value(state, "LogSource");
            if (source is not null && logLevel < MelLogLevel.Warning && !source.Contains("/user/", StringComparison.Ordinal))
            {
                return; // Akka's own information (start-up, shutdown phases): only our actors' passes
            }

            var message = AkkaHeader().Replace(formatter(state, exception), "", 1);
            var line = logLevel switch
            {
                MelLogLevel.Warning => "warning: " + message,
                MelLogLevel.Error or MelLogLevel.Critical => "error: " + message,
                _ => message,
            };
            write(exception is null ? line : $"{line} ({exception.GetType().Name}: {exception.Message})");
        }

        private static string? Value<TState>(TState state, string key)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (k, v) in values)
                {
                    if (k == key)
                    {
                        return v?.ToString();
                    }
                }
            }

            return null;
        }

        /// <summary>Akka's header on each message: <c>[LEVEL][time][Thread n][source] </c>.</summary>
        [GeneratedRegex(@"^\[[A-Z]+\]\[[^\]]*\]\[Thread \d+\]\[[^\]]*\] ")]
        private static partial Regex AkkaHeader();
    }
}
