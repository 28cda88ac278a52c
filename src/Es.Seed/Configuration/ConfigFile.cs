using Es.Actors.Hosting;
using Es.Core.Configuration;

namespace Es.Seed.Configuration;

/// <summary>
/// Reads a configuration file: HOCON when its name ends in <c>.conf</c> (or <c>.hocon</c>),
/// read with Akka.NET's HOCON parser; JSON (comments and trailing commas allowed) otherwise.
/// Either way <see cref="ConfigLoader"/> validates it, with the same one-line messages.
/// </summary>
internal static class ConfigFile
{
    /// <summary>Reads and validates the file, <paramref name="overrides"/> applied.</summary>
    /// <exception cref="ConfigException">The file cannot be read, does not parse, or holds a bad value.</exception>
    public static TrainingConfig Load(string path, IReadOnlyCollection<string> overrides)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigException(path, string.Empty, $"cannot read the file: {e.Message}");
        }

        return IsHocon(path)
            ? ConfigLoader.Load(HoconConfigFile.Parse(text, path), path, overrides)
            : ConfigLoader.Load(text, path, overrides);
    }

    /// <summary>
    /// <see cref="Load"/> for a run: the <c>akka</c> section is also tried on an actor system,
    /// so settings Akka refuses are bad input (exit 2) before anything is written.
    /// </summary>
    public static async Task<TrainingConfig> LoadForRunAsync(string path, IReadOnlyCollection<string> overrides)
    {
        var config = Load(path, overrides);
        var akkaFromSet = overrides.Any(o => o.Split('=')[0].Trim() is var key && (key == "akka" || key.StartsWith("akka.", StringComparison.Ordinal)));
        await AkkaSettings.CheckAsync(config, akkaFromSet ? "--set" : path).ConfigureAwait(false);
        return config;
    }

    private static bool IsHocon(string path) =>
        path.EndsWith(".conf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".hocon", StringComparison.OrdinalIgnoreCase);
}
