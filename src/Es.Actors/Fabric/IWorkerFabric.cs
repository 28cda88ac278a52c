using System.Diagnostics.CodeAnalysis;
using Es.Core.Rollouts;

namespace Es.Actors.Fabric;

/// <summary>The evaluators' side of the fabric: take tasks, look up generations, publish results.</summary>
public interface IWorkerFabric
{
    /// <summary>Waits for the next task.</summary>
    ValueTask<TaskLease> TakeAsync(CancellationToken cancellationToken);

    /// <summary>Takes a task that is ready now, without waiting; false when none is, or when this fabric hands tasks out only through <see cref="TakeAsync"/>.</summary>
    bool TryTake([NotNullWhen(true)] out TaskLease? lease);

    /// <summary>The published view of <paramref name="generation"/>, if it is still current.</summary>
    bool TryGetGeneration(int generation, out GenerationView view);

    /// <summary>Sends a result to the coordinator. Never blocks.</summary>
    void PublishResult(TaskResult result);
}
