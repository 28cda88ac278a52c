using System.Text.Json;
using Es.Dashboard.Model;

namespace Es.Dashboard.Runs;

/// <summary>Reads one run directory (<c>config.json</c>, <c>metrics.csv</c>, <c>summary.json</c>), never writing to it.</summary>
public static class RunFiles
{
    /// <summary>True when <paramref name="directory"/> holds a run (it has a <c>config.json</c>).</summary>
    public static bool IsRun(string directory) => File.Exists(Path.Combine(directory, "config.json"));

    /// <summary>Reads the run in <paramref name="directory"/>; null when it is not readable as a run.</summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="solvedThreshold">The solved threshold of an environment, by name (null when unknown).</param>
    public static RunView? Read(string directory, Func<string, double?> solvedThreshold)
    {
        ArgumentNullException.ThrowIfNull(solvedThreshold);
        try
        {
            var configJson = ReadShared(Path.Combine(directory, "config.json"));
            var summaryPath = Path.Combine(directory, "summary.json");
            var summaryJson = File.Exists(summaryPath) ? ReadShared(summaryPath) : null;
            var points = MetricsCsv.Read(Path.Combine(directory, "metrics.csv"));
            using var config = JsonDocument.Parse(configJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = config.RootElement;
            var env = Text(root, "env", "name") ?? "?";
            string status = "no summary";
            if (summaryJson is not null)
            {
                using var summary = JsonDocument.Parse(summaryJson);
                status = summary.RootElement.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "finished";
            }

            var info = new RunInfo(
                Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)),
                env,
                Text(root, "strategy", "name") ?? "?",
                root.TryGetProperty("seed", out var seed) ? seed.ToString() : "?",
                root.TryGetProperty("generations", out var g) && g.TryGetInt32(out int planned) ? planned : 0,
                ConfiguredThreshold(root) ?? solvedThreshold(env),
                status,
                points.Count,
                Best(points));
            return new RunView(info, configJson, points, summaryJson);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // half-written or unreadable: the run browser skips it rather than failing
        }
    }

    /// <summary>The best evaluation return among <paramref name="points"/>.</summary>
    public static double? Best(IEnumerable<GenerationPoint> points) =>
        points.Select(p => p.EvalReturn).Where(e => e is not null).DefaultIfEmpty(null).Max();

    // A run's config.json may set its own (evaluation.threshold, e.g. a paper's target rather than Gymnasium's).
    private static double? ConfiguredThreshold(JsonElement root) =>
        root.TryGetProperty("evaluation", out var s) && s.ValueKind == JsonValueKind.Object &&
        s.TryGetProperty("threshold", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Text(JsonElement root, string section, string key) =>
        root.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(key, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()
            : null;

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
