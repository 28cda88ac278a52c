using System.Text.Json.Nodes;

namespace Es.Core.Configuration;

/// <summary>Which keys differ between two resolved configurations.</summary>
public static class ConfigDiff
{
    /// <summary>
    /// The dotted keys whose values differ, in document order, except those in
    /// <paramref name="ignore"/>; ignoring a section (<c>akka</c>) ignores every key in it.
    /// </summary>
    public static IReadOnlyList<string> Differences(TrainingConfig a, TrainingConfig b, params string[] ignore)
    {
        var differences = new List<string>();
        Compare(ConfigWriter.ToNode(a), ConfigWriter.ToNode(b), string.Empty, differences);
        return [.. differences.Where(key => !ignore.Any(i => key == i || key.StartsWith(i + ".", StringComparison.Ordinal)))];
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

        // The akka section has no fixed keys: one may be only on the right.
        foreach (var (key, _) in b)
        {
            if (!a.ContainsKey(key))
            {
                differences.Add(prefix.Length == 0 ? key : $"{prefix}.{key}");
            }
        }
    }
}
