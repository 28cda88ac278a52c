using Es.Dashboard.Model;

namespace Es.Dashboard.Runs;

/// <summary>
/// The runs under a directory (the directory itself may be one), read from disk on every
/// request so runs still training elsewhere show their latest rounds. Read-only.
/// </summary>
/// <param name="root">The directory of runs.</param>
/// <param name="solvedThreshold">The solved threshold of an environment, by name.</param>
public sealed class RunFolderCatalog(string root, Func<string, double?> solvedThreshold) : IRunCatalog
{
    /// <summary>The directory of runs.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <inheritdoc/>
    public IReadOnlyList<RunInfo> List() =>
        [.. RunDirectories().Select(d => RunFiles.Read(d, solvedThreshold)?.Info).OfType<RunInfo>()];

    /// <inheritdoc/>
    public RunView? Find(string runId)
    {
        // Only names listed here are opened: a run id never becomes a path of its own.
        var directory = RunDirectories().FirstOrDefault(d => Path.GetFileName(d) == runId);
        return directory is null ? null : RunFiles.Read(directory, solvedThreshold);
    }

    private IEnumerable<string> RunDirectories()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root).Prepend(Root)
            .Where(RunFiles.IsRun)
            .OrderByDescending(d => Directory.GetLastWriteTimeUtc(d))
            .ThenBy(d => d, StringComparer.Ordinal);
    }
}
