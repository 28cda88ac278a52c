using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using Es.Core.Configuration;

namespace Es.Seed.Configuration;

/// <summary>
/// Reads a HOCON configuration (a <c>.conf</c> file) with Akka.NET's HOCON parser into the
/// JSON tree <see cref="ConfigLoader"/> validates: a HOCON file and its JSON twin give the
/// same configuration, and a bad value the same message. Es.Core knows nothing of Akka, so
/// the conversion lives here.
/// </summary>
internal static partial class HoconConfigFile
{
    // The preflight refuses every input the parser is known to loop on; should it meet
    // another, the user hears of it instead of watching the process eat memory.
    private static readonly TimeSpan ParserPatience = TimeSpan.FromSeconds(10);

    /// <summary>The document as a JSON object.</summary>
    /// <param name="text">The HOCON text.</param>
    /// <param name="source">Its name for messages, usually the file path.</param>
    /// <exception cref="ConfigException">The text is not HOCON (one line: the file, the line when known, the problem).</exception>
    public static JsonObject Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        HoconPreflight.Check(text, source);
        var config = ParseWithAkka(text, source);
        if (config.IsEmpty)
        {
            return [];
        }

        return config.Root.IsObject()
            ? ToObject(config.Root.GetObject(), string.Empty, source)
            : throw new ConfigException(source, string.Empty, "expected an object at the top level");
    }

    private static Config ParseWithAkka(string text, string source)
    {
        // Akka's parser calls this for `include "name"`.
        HoconRoot RefuseInclude(string name) =>
            throw new ConfigException(source, string.Empty, $"not valid HOCON: include \"{name}\": includes are not supported; put the settings in this file");

        var parse = Task.Run(() => ConfigurationFactory.ParseString(text, RefuseInclude));
        try
        {
            if (!parse.Wait(ParserPatience))
            {
                throw new ConfigException(source, string.Empty, $"not valid HOCON: Akka.NET's parser did not finish within {ParserPatience.TotalSeconds} s");
            }
        }
        catch (AggregateException e) when (e.InnerException is ConfigException refused)
        {
            throw refused;
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            throw new ConfigException(source, string.Empty, $"not valid HOCON{Describe(e.InnerException, text)}");
        }

        return parse.Result;
    }

    /// <summary>Akka's messages give a character offset and a copy of the text on several lines: made one line, with a line and column.</summary>
    private static string Describe(Exception e, string text)
    {
        var message = e.Message.ReplaceLineEndings("\n").Split('\n')[0].Trim().TrimEnd(':');
        var at = Position().Match(message);
        if (!at.Success || !int.TryParse(at.Groups[1].Value, CultureInfo.InvariantCulture, out int offset) || offset > text.Length)
        {
            return $": {message}";
        }

        int line = text.AsSpan(0, offset).Count('\n') + 1;
        int lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        int column = offset - lineStart + 1;
        return $" (line {line}, column {column}): {message[..at.Index].TrimEnd()}";
    }

    private static JsonObject ToObject(HoconObject obj, string path, string source)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj.Items)
        {
            result[key] = ToNode(value, path.Length == 0 ? key : $"{path}.{key}", source);
        }

        return result;
    }

    private static JsonNode? ToNode(HoconValue value, string path, string source)
    {
        if (value.Values is [HoconSubstitution substitution])
        {
            return ToNode(substitution.ResolvedValue, path, source);
        }

        if (value.Values.Count == 0)
        {
            // What Akka's parser makes of `key = }` or `a = 1 = 2`: a key with nothing after it.
            throw new ConfigException(source, path, "not valid HOCON: no value (expected key = value, key { ... } or key = [ ... ])");
        }

        if (value.IsObject())
        {
            return ToObject(value.GetObject(), path, source);
        }

        // An empty array is no array to HoconValue.IsArray; its one element says what it is.
        if (value.IsArray() || value.Values.All(element => element is HoconArray))
        {
            return new JsonArray([.. value.GetArray().Select((item, i) => ToNode(item, $"{path}[{i}]", source))]);
        }

        return Scalar(value.GetString());
    }

    /// <summary>
    /// Akka's parser keeps a literal's text but not whether it was quoted, so the type is read
    /// from the text as JSON would: <c>null</c>, <c>true</c>, <c>false</c>, a JSON number, else a string.
    /// </summary>
    private static JsonNode? Scalar(string? text) => text switch
    {
        null => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when JsonNumber().IsMatch(text) => JsonNode.Parse(text),
        _ => JsonValue.Create(text),
    };

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"\bat position (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Position();}
