using System.Globalization;
using Es.Actors.Training;

namespace Es.Seed.Runs;

/// <summary>Appends one <c>metrics.csv</c> row per round, flushed at once so a crash loses nothing written.</summary>
public sealed class MetricsWriter : IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "generation,updated,reward_mean,reward_max,reward_min,eval_return,evaluations,env_steps,wall_seconds,theta_norm,obs_count,candidates_failed";

    private readonly StreamWriter _writer;

    /// <summary>Creates (or truncates) the file and writes the header.</summary>
    public MetricsWriter(string path)
    {
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
        _writer.WriteLine(Header);
    }

    private MetricsWriter(StreamWriter writer) => _writer = writer;

    /// <summary>
    /// Continues a resumed run's file: keeps the rows before <paramref name="fromGeneration"/>,
    /// writes the rows recovery replayed (a crash may have cut them off), then appends.
    /// </summary>
    public static MetricsWriter Continue(string path, int fromGeneration, IEnumerable<(GenerationReport Report, double WallSeconds)> replayed)
    {
        ArgumentNullException.ThrowIfNull(replayed);
        var kept = File.Exists(path)
            ? File.ReadLines(path).Skip(1).Where(line => RowGeneration(line) is int g && g < fromGeneration).ToList()
            : [];
        var temporary = path + ".tmp";
        using (var rewrite = new MetricsWriter(temporary))
        {
            foreach (var line in kept)
            {
                rewrite._writer.WriteLine(line);
            }

            foreach (var (report, wall) in replayed)
            {
                rewrite.Write(report, wall);
            }
        }

        File.Move(temporary, path, overwrite: true);
        return new MetricsWriter(new StreamWriter(path, append: true) { AutoFlush = true });
    }

    /// <summary>Writes one row.</summary>
    public void Write(GenerationReport report, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        _writer.WriteLine(string.Join(
            ',',
            report.Generation.ToString(c),
            report.Updated ? "1" : "0",
            Number(report.RewardMean),
            Number(report.RewardMax),
            Number(report.RewardMin),
            report.EvalReturn is double e ? Number(e) : string.Empty,
            report.Evaluations.ToString(c),
            report.EnvSteps.ToString(c),
            wallSeconds.ToString("F3", c),
            Number(report.ThetaNorm),
            report.ObservationCount.ToString(c),
            report.CandidatesFailed.ToString(c)));
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();

    private static int? RowGeneration(string line)
    {
        int comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && int.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out int g) ? g : null;
    }

    private static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);
}
