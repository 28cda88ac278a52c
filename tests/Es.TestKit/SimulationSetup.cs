using Es.Actors.Supervision;
using Es.Core.Configuration;
using Es.Core.Noise;

namespace Es.TestKit;

/// <summary>What a <see cref="SimulatedCluster"/> is built from.</summary>
/// <param name="Config">The run's configuration (its supervision and chaos sections apply).</param>
/// <param name="Noise">The shared noise table.</param>
/// <param name="Nodes">Simulated nodes: one evaluator pool each.</param>
/// <param name="EvaluatorsPerNode">Evaluators in each pool.</param>
public sealed record SimulationSetup(TrainingConfig Config, NoiseTable Noise, int Nodes = 2, int EvaluatorsPerNode = 2)
{
    /// <summary>
    /// How each pool restarts its evaluators; null = the run's budget from its configuration
    /// but without backoff, so restarts need no clock advance.
    /// </summary>
    public RestartPolicy? Restarts { get; init; }
}
