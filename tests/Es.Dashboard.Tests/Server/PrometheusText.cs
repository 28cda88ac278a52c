using System.Globalization;

namespace Es.Dashboard.Tests.Server;

/// <summary>A small reader of Prometheus' text exposition format (version 0.0.4): samples and their TYPE lines.</summary>
internal sealed class PrometheusText
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal(4, parts.Length);
                parsed._types[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            // name{label="value",...} value [timestamp]: the labels end at the last '}'.
            int close = line.LastIndexOf('}');
            int space = line.IndexOf(' ', close < 0 ? 0 : close);
            Assert.True(space > 0, $"not a sample line: {line}");
            var key = line[..space];
            var value = line[(space + 1)..].Split(' ')[0];
            parsed._samples[key] = value switch
            {
                "NaN" => double.NaN,
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
        }

        foreach (var key in parsed._samples.Keys)
        {
            var name = key.Split('{')[0];
            Assert.True(parsed._types.ContainsKey(name), $"{name} has no TYPE line");
        }

        return parsed;
    }

    public double Value(string key) => _samples.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no sample {key}; have {string.Join(", ", _samples.Keys)}");

    public string Type(string name) => _types[name];
}
