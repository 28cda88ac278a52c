namespace Es.Dashboard.Model;

/// <summary>Everything the page shows about one run.</summary>
/// <param name="Info">The listing.</param>
/// <param name="ConfigJson">The resolved configuration, as written to <c>config.json</c>.</param>
/// <param name="Points">The rounds so far, in order.</param>
/// <param name="SummaryJson">The run's <c>summary.json</c> once it ended; null before.</param>
public sealed record RunView(RunInfo Info, string ConfigJson, IReadOnlyList<GenerationPoint> Points, string? SummaryJson);
