using Es.Dashboard.Model;

namespace Es.Dashboard.Runs;

/// <summary>Where the dashboard's runs come from: the live run of this process, or run directories on disk.</summary>
public interface IRunCatalog
{
    /// <summary>The runs, newest first where the catalog knows an order.</summary>
    IReadOnlyList<RunInfo> List();

    /// <summary>One run in full, or null when there is no such run.</summary>
    RunView? Find(string runId);
}
