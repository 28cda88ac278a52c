using System.Globalization;

namespace Es.Seed.Progress;

/// <summary>Short human formats for numbers and durations.</summary>
internal static class Format
{
    public static string Number(double value)
    {
        var c = CultureInfo.InvariantCulture;
        if (double.IsNaN(value))
        {
            return "-";
        }

        double magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 1e9 => (value / 1e9).ToString("F2", c) + "G",
            >= 1e6 => (value / 1e6).ToString("F2", c) + "M",
            >= 1e4 => (value / 1e3).ToString("F1", c) + "k",
            >= 100 => value.ToString("F1", c),
            >= 1 => value.ToString("F2", c),
            0 => "0",
            _ => value.ToString("G3", c),
        };
    }

    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1
            ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
            : $"{span.Minutes}:{span.Seconds:00}";
}
