using System.Collections.Concurrent;
using Es.Core.Environments;
using Es.Core.Functions;

namespace Es.Seed.Dashboard;

/// <summary>The solved threshold of an environment or function, by name, for the dashboard's evaluation chart.</summary>
internal static class SolvedThresholds
{
    private static readonly ConcurrentDictionary<string, double?> Known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The threshold, or null when the name is unknown or its engine is missing here.</summary>
    public static double? Of(string name) => Known.GetOrAdd(name, Look);

    private static double? Look(string name)
    {
        if (ObjectiveRegistry.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return ObjectiveRegistry.Create(name, 2).SolvedThreshold;
        }

        try
        {
            if (!EnvironmentRegistry.TryCreate(name, out var environment))
            {
                return null;
            }

            double threshold = environment.Spec.SolvedThreshold;
            (environment as IDisposable)?.Dispose();
            return threshold;
        }
        catch (EnvironmentUnavailableException)
        {
            return null; // e.g. a MuJoCo run browsed on a machine without the engine
        }
    }
}
