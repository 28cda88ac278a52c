namespace Es.Dashboard.Live;

/// <summary>One server-sent event: its name and its JSON data.</summary>
/// <param name="Name">run, point, status or nodes.</param>
/// <param name="Data">The JSON payload (one line).</param>
public sealed record ServerEvent(string Name, string Data);
