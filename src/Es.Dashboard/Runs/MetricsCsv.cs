using System.Globalization;
using Es.Dashboard.Model;

namespace Es.Dashboard.Runs;

/// <summary>
/// Reads <c>metrics.csv</c> by its header's column names, so columns added later do not
/// break it. A row cut short (a run writing as we read) ends the read.
/// </summary>
public static class MetricsCsv
{
    /// <summary>Reads the rounds in <paramref name="path"/>; an absent file has none.</summary>
    public static IReadOnlyList<GenerationPoint> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        // FileShare.ReadWrite: the training process holds the file open for appending.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Parses CSV text with a header row.</summary>
    public static IReadOnlyList<GenerationPoint> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header is null)
        {
            return [];
        }

        var columns = header.Split(',').Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        int Column(string name) => columns.TryGetValue(name, out int i) ? i : -1;
        int generation = Column("generation"), updated = Column("updated"), mean = Column("reward_mean"), max = Column("reward_max"),
            min = Column("reward_min"), eval = Column("eval_return"), evaluations = Column("evaluations"), steps = Column("env_steps"),
            wall = Column("wall_seconds"), failed = Column("candidates_failed");
        var points = new List<GenerationPoint>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var cells = line.Split(',');
            if (cells.Length < columns.Count || !int.TryParse(Cell(cells, generation), NumberStyles.Integer, CultureInfo.InvariantCulture, out int g))
            {
                break;
            }

            points.Add(new GenerationPoint(
                g,
                Cell(cells, updated) == "1",
                Number(Cell(cells, mean)),
                Number(Cell(cells, max)),
                Number(Cell(cells, min)),
                Number(Cell(cells, eval)),
                (long)(Number(Cell(cells, evaluations)) ?? 0),
                (long)(Number(Cell(cells, steps)) ?? 0),
                Number(Cell(cells, wall)) ?? 0,
                (int)(Number(Cell(cells, failed)) ?? 0)));
        }

        return points;
    }

    private static string Cell(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index] : string.Empty;

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;
}
