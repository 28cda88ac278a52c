using System.Text.Json.Nodes;
using Akka.Configuration;
using Es.Core.Configuration;

namespace Es.Actors.Hosting;

/// <summary>
/// A run's <c>akka</c> section (<see cref="TrainingConfig.AkkaOverrides"/>) as the overrides
/// of its actor systems (<see cref="ActorHost.Start"/>): the user's settings win over
/// <see cref="ActorHost.DefaultConfig"/>.
/// </summary>
public static class AkkaSettings
{
    /// <summary>The section as HOCON rooted at <c>akka</c>, or null when it is empty.</summary>
    public static Config? Overrides(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (JsonNode.Parse(config.AkkaOverrides) is JsonObject { Count: 0 })
        {
            return null;
        }

        // JSON is HOCON, so the section is rendered as it is. Its keys stay quoted, and a quoted
        // key is one key: a type name in serialization-bindings keeps its dots.
        return ConfigurationFactory.ParseString($"{{\"akka\": {config.AkkaOverrides}}}");
    }

    /// <summary>The section over <paramref name="below"/> (e.g. the run's persistence): the user's keys win.</summary>
    public static Config Over(TrainingConfig config, Config below)
    {
        ArgumentNullException.ThrowIfNull(below);
        return Overrides(config)?.WithFallback(below) ?? below;
    }

    /// <summary>
    /// Starts and stops an actor system with the section, so that settings Akka refuses
    /// (<c>loglevel = LOUD</c>) are reported as bad input before a run starts, not as a
    /// failed run afterwards. Does nothing when the section is empty.
    /// </summary>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="source">Where the section came from, for the message.</param>
    /// <exception cref="ConfigException">Akka refused the settings.</exception>
    public static async Task CheckAsync(TrainingConfig config, string source)
    {
        ActorHost host;
        try
        {
            var overrides = Overrides(config);
            if (overrides is null)
            {
                return;
            }

            host = ActorHost.Start("es-check", null, overrides);
        }
        catch (Exception e)
        {
            // Akka reports bad settings with whatever exception its reader throws (ArgumentException,
            // ConfigurationException, a FormatException inside a TargetInvocationException).
            var reason = e.GetBaseException().Message.ReplaceLineEndings(" ").Trim();
            throw new ConfigException(source, "akka", $"Akka.NET refused these settings: {reason}");
        }

        await host.DisposeAsync().ConfigureAwait(false);
    }
}
