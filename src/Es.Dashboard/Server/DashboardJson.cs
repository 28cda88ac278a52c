using System.Text.Json;

namespace Es.Dashboard.Server;

/// <summary>How the dashboard's API writes JSON: snake_case, like the run directory's files.</summary>
public static class DashboardJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>One value as one line of JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
