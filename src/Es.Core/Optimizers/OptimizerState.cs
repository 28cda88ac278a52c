namespace Es.Core.Optimizers;

/// <summary>An optimizer's persisted state: what a checkpoint snapshot stores.</summary>
/// <param name="Name">The optimizer kind (for example "adam"), checked on import.</param>
/// <param name="StepCount">Steps taken so far.</param>
/// <param name="Moments">The moment vectors, each of the optimizer's dimension (Adam: m, v; SGD with momentum: v).</param>
/// <remarks>Hyperparameters are not stored: they belong to the run's configuration.</remarks>
public sealed record OptimizerState(string Name, long StepCount, float[][] Moments);
