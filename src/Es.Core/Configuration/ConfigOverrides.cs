using System.Text.Json;
using System.Text.Json.Nodes;

namespace Es.Core.Configuration;

/// <summary>Applies <c>--set key=value</c> assignments to a parsed configuration document.</summary>
internal static class ConfigOverrides
{
    /// <summary>Applies one assignment and returns the dotted key it set.</summary>
    public static string Apply(JsonObject root, string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ConfigException("--set", string.Empty, $"expected key=value (e.g. strategy.sigma=0.1), got \"{assignment}\"");
        }

        var key = assignment[..eq].Trim();
        var text = assignment[(eq + 1)..].Trim();
        var parts = key.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            throw new ConfigException("--set", key, "expected a dotted key such as strategy.sigma");
        }

        var node = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            var next = node[parts[i]];
            if (next is null)
            {
                next = new JsonObject();
                node[parts[i]] = next;
            }

            if (next is not JsonObject obj)
            {
                throw new ConfigException("--set", string.Join('.', parts[..(i + 1)]), "is a value, not a section");
            }

            node = obj;
        }

        node[parts[^1]] = ParseValue(text);
        return key;
    }

    /// <summary>A value is JSON when it parses as JSON (numbers, true, [64,64]); otherwise a string.</summary>
    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
