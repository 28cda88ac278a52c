using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Es.Core.Configuration;

/// <summary>
/// Reads one JSON object of a configuration, checking each value's type and range and
/// remembering which keys it read, so that whatever is left over is an unknown key.
/// </summary>
internal sealed class SectionReader
{
    private readonly JsonObject _node;
    private readonly string _path;
    private readonly Func<string, string> _sourceOf;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public SectionReader(JsonObject node, string path, Func<string, string> sourceOf)
    {
        _node = node;
        _path = path;
        _sourceOf = sourceOf;
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var value = Number(key, fallback, min, max, integer: true);
        return (int)value;
    }

    public ulong ULong(string key, ulong fallback)
    {
        if (!TryGet(key, out var node))
        {
            return fallback;
        }

        if (node is JsonValue v && v.TryGetValue(out ulong u))
        {
            return u;
        }

        if (node is JsonValue s && s.TryGetValue(out string? text) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out u))
        {
            return u;
        }

        throw Error(key, $"expected a whole number from 0 to {ulong.MaxValue}, got {Show(node)}");
    }

    public double Double(string key, double fallback, double min, double max, bool minExclusive = false)
    {
        var value = Number(key, fallback, min, max, integer: false);
        if (minExclusive && value <= min)
        {
            throw Error(key, $"expected a number greater than {min.ToString(CultureInfo.InvariantCulture)}, got {Show(_node[key])}");
        }

        return value;
    }

    /// <summary>A number in [min, max], or null when the key is absent or null (meaning "not set").</summary>
    public double? OptionalDouble(string key, double min, double max) =>
        _node[key] is null ? Absent(key) : Number(key, 0, min, max, integer: false);

    public bool Bool(string key, bool fallback)
    {
        if (!TryGet(key, out var node))
        {
            return fallback;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        throw Error(key, $"expected true or false, got {Show(node)}");
    }

    public string Choice(string key, string fallback, IReadOnlyList<string> allowed)
    {
        var text = String(key, fallback);
        foreach (var name in allowed)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        throw Error(key, $"unknown value \"{text}\"; known: {string.Join(", ", allowed)}");
    }

    public string String(string key, string fallback)
    {
        if (!TryGet(key, out var node))
        {
            return fallback;
        }

        if (node is JsonValue v && v.TryGetValue(out string? text))
        {
            return text;
        }

        throw Error(key, $"expected a string, got {Show(node)}");
    }

    public int[] IntArray(string key, IReadOnlyList<int> fallback, int min, int max)
    {
        if (!TryGet(key, out var node))
        {
            return [.. fallback];
        }

        if (node is not JsonArray array)
        {
            throw Error(key, $"expected an array of whole numbers from {min} to {max}, got {Show(node)}");
        }

        var result = new int[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue(out int n) || n < min || n > max)
            {
                throw Error(key, $"expected an array of whole numbers from {min} to {max}, got {Show(node)}");
            }

            result[i] = n;
        }

        return result;
    }

    public SectionReader Section(string key)
    {
        if (!TryGet(key, out var node))
        {
            return new SectionReader([], Join(key), _sourceOf);
        }

        if (node is not JsonObject obj)
        {
            throw Error(key, $"expected an object ({{ ... }}), got {Show(node)}");
        }

        return new SectionReader(obj, Join(key), _sourceOf);
    }

    /// <summary>
    /// An object taken as it is, as compact JSON (<c>{}</c> when absent): its keys belong to
    /// someone else (Akka.NET's settings), so only its being an object is checked.
    /// </summary>
    public string VerbatimObject(string key)
    {
        if (!TryGet(key, out var node))
        {
            return "{}";
        }

        if (node is not JsonObject obj)
        {
            throw Error(key, $"expected an object ({{ ... }}), got {Show(node)}");
        }

        return obj.ToJsonString();
    }

    /// <summary>Throws for the first key of this object that nothing read.</summary>
    public void RejectUnknown()
    {
        foreach (var (key, _) in _node)
        {
            if (!_read.Contains(key))
            {
                var known = string.Join(", ", _read.Order(StringComparer.Ordinal));
                throw Error(key, known.Length == 0 ? "unknown key" : $"unknown key; known keys here: {known}");
            }
        }
    }

    public ConfigException Error(string key, string problem)
    {
        var path = Join(key);
        return new ConfigException(_sourceOf(path), path, problem);
    }

    /// <summary>Marks a key as known even when absent, so RejectUnknown can list it.</summary>
    private bool TryGet(string key, out JsonNode node)
    {
        _read.Add(key);
        if (_node.TryGetPropertyValue(key, out var found) && found is not null)
        {
            node = found;
            return true;
        }

        node = null!;
        return false;
    }

    private double Number(string key, double fallback, double min, double max, bool integer)
    {
        if (!TryGet(key, out var node))
        {
            return fallback;
        }

        var kind = integer ? "a whole number" : "a number";
        var range = $"{kind} from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out double d))
        {
            throw Error(key, $"expected {range}, got {Show(node)}");
        }

        if (!double.IsFinite(d) || d < min || d > max || (integer && d != Math.Floor(d)))
        {
            throw Error(key, $"expected {range}, got {Show(node)}");
        }

        return d;
    }

    private double? Absent(string key)
    {
        _read.Add(key);
        return null;
    }

    private string Join(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();
}
