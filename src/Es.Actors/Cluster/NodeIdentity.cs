namespace Es.Actors.Cluster;

/// <summary>Who a worker node is.</summary>
/// <param name="NodeId">Unique id (host, process, a random suffix).</param>
/// <param name="Workers">Evaluators it runs.</param>
public sealed record NodeIdentity(string NodeId, int Workers)
{
    /// <summary>An identity for this process.</summary>
    public static NodeIdentity ForThisProcess(int workers, string role = "node") => new(
        $"{Environment.MachineName}-{role}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}",
        workers);
}
