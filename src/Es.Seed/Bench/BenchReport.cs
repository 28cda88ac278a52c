using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Es.Seed.Bench;

/// <summary>
/// A benchmark's figures in the order they were added: printed as one JSON object
/// (<c>--json</c>, for scripts) or as aligned <c>key: value</c> lines (for people).
/// </summary>
internal sealed class BenchReport
{
    private readonly List<(string Key, object Value)> _fields = [];

    /// <summary>Adds a figure; numbers are written with invariant culture.</summary>
    public BenchReport Add(string key, object value)
    {
        _fields.Add((key, value));
        return this;
    }

    /// <summary>The report as one JSON object on one line.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in _fields)
            {
                switch (value)
                {
                    case string s:
                        writer.WriteString(key, s);
                        break;
                    case bool b:
                        writer.WriteBoolean(key, b);
                        break;
                    case int i:
                        writer.WriteNumber(key, i);
                        break;
                    case long l:
                        writer.WriteNumber(key, l);
                        break;
                    case double d when double.IsFinite(d):
                        writer.WriteNumber(key, Math.Round(d, 6));
                        break;
                    case double:
                        writer.WriteNull(key);
                        break;
                    default:
                        writer.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The report as <c>key: value</c> lines.</summary>
    public string ToText()
    {
        int width = _fields.Count == 0 ? 0 : _fields.Max(f => f.Key.Length);
        var text = new StringBuilder();
        foreach (var (key, value) in _fields)
        {
            string shown = value is double d ? d.ToString("G6", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            text.Append(key.PadRight(width)).Append(": ").AppendLine(shown);
        }

        return text.ToString().TrimEnd();
    }
}
