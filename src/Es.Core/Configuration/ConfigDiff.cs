using System.Text.Json.Nodes;

namespace Es.Core.Configuration;

/// <summary>Which keys differ between two resolved configurations.</summary>
public static class ConfigDiff
{
    /// <summary>The dotted keys whose values differ, in document order, except those in <paramref name="ignore"/>.</summary>
    public static IReadOnlyList<string> Differences(TrainingConfig a, TrainingConfig b, params string[] ignore)
    {
        var differences = new List<string>();
        Compare(ConfigWriter.ToNode(a), ConfigWriter.ToNode(b), string.Empty, differences);
        return [.. differences.Where(key => !ignore.Contains(key, StringComparer.Ordinal))];
    }

    private static void Compare(JsonObject a, JsonObject b, string prefix, List<string> differences)
    {
        foreach (var (key, left) in a)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var right = b[key];
            if (left is JsonObject leftObject && right is JsonObject rightObject)
            {
                Compare(leftObject, rightObject, path, differences);
            }
            else if (!JsonNode.DeepEquals(left, right))
            {
                differences.Add(path);
            }
        }
    }
}
