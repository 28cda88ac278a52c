using Es.Core.Rollouts;

namespace Es.Actors.Fabric;

/// <summary>The evaluators' side of the fabric: take tasks, look up generations, publish results.</summary>
public interface IWorkerFabric
{
    /// <summary>Waits for the next task.</summary>
    ValueTask<TaskLease> TakeAsync(CancellationToken cancellationToken);

    /// <summary>The published view of <paramref name="generation"/>, if it is still current.</summary>
    bool TryGetGeneration(int generation, out GenerationView view);

    /// <summary>Sends a result to the coordinator. Never blocks.</summary>
    void PublishResult(TaskResult result);
}
