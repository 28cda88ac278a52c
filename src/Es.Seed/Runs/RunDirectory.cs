using System.Text.Json;
using Es.Core.Configuration;

namespace Es.Seed.Runs;

/// <summary>
/// A run's directory: <c>config.json</c> (the resolved configuration), <c>metrics.csv</c>
/// and <c>summary.json</c>. A directory that already holds a run is never reused.
/// </summary>
public sealed class RunDirectory
{
    private static readonly JsonSerializerOptions SummaryOptions = new() { WriteIndented = true };

    private RunDirectory(string path) => Path = path;

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>The run id: the directory's name.</summary>
    public string RunId => System.IO.Path.GetFileName(Path.TrimEnd(System.IO.Path.DirectorySeparatorChar));

    /// <summary>Path of <c>config.json</c>.</summary>
    public string ConfigPath => System.IO.Path.Combine(Path, "config.json");

    /// <summary>Path of <c>metrics.csv</c>.</summary>
    public string MetricsPath => System.IO.Path.Combine(Path, "metrics.csv");

    /// <summary>Path of <c>summary.json</c>.</summary>
    public string SummaryPath => System.IO.Path.Combine(Path, "summary.json");

    /// <summary>Path of the SQLite checkpoint store (when <c>persistence.provider</c> is sqlite).</summary>
    public string StorePath => System.IO.Path.Combine(Path, "store.db");

    /// <summary>Opens an existing run directory.</summary>
    /// <exception cref="IOException">The directory does not exist or holds no run.</exception>
    public static RunDirectory Open(string path)
    {
        var directory = new RunDirectory(System.IO.Path.GetFullPath(path));
        if (!Directory.Exists(directory.Path))
        {
            throw new IOException($"{path}: no such run directory");
        }

        if (!File.Exists(directory.ConfigPath))
        {
            throw new IOException($"{path} is not a run directory (it has no config.json)");
        }

        return directory;
    }

    /// <summary>Rewrites <c>config.json</c> (atomically) after a resume changed the generation count.</summary>
    public void UpdateConfig(TrainingConfig config)
    {
        var temporary = ConfigPath + ".tmp";
        File.WriteAllText(temporary, ConfigWriter.ToJson(config) + Environment.NewLine);
        File.Move(temporary, ConfigPath, overwrite: true);
    }

    /// <summary>The default location: <c>runs/ENV-sSEED-yyyyMMdd-HHmmss</c> under the working directory.</summary>
    public static string DefaultPath(TrainingConfig config, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = $"{config.Env.Name}-s{config.Seed}-{now.UtcDateTime:yyyyMMdd-HHmmss}";
        return System.IO.Path.Combine("runs", name);
    }

    /// <summary>Creates a new run directory and writes the resolved configuration into it.</summary>
    /// <exception cref="IOException">The directory already holds a run.</exception>
    public static RunDirectory Create(string path, TrainingConfig config)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = new RunDirectory(full);
        if (File.Exists(directory.ConfigPath) || File.Exists(directory.SummaryPath))
        {
            throw new IOException($"{path} already holds a run; choose another --run-dir (nothing was changed)");
        }

        Directory.CreateDirectory(full);
        File.WriteAllText(directory.ConfigPath, ConfigWriter.ToJson(config) + Environment.NewLine);
        return directory;
    }

    /// <summary>Writes <c>summary.json</c> (atomically: a reader never sees half a file).</summary>
    public void WriteSummary(RunSummary summary)
    {
        var temporary = SummaryPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(summary, SummaryOptions) + Environment.NewLine);
        File.Move(temporary, SummaryPath, overwrite: true);
    }
}
