using Akka.Actor.Setup;

namespace Es.Actors.Hosting;

/// <summary>Where <see cref="LogLineLogger"/> writes: handed to the actor system with its set-up, so each system has its own.</summary>
/// <param name="Write">Receives one line per log event.</param>
public sealed class LogLineSetup(Action<string> Write) : Setup
{
    /// <summary>Receives one line per log event.</summary>
    public Action<string> Write { get; } = Write;
}
