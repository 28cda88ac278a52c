using Es.Core.Configuration;
using Es.Core.Noise;

namespace Es.Actors.Tests.Training;

/// <summary>Small, fast configurations and a shared noise table for training tests.</summary>
internal static class TrainingConfigs
{
    /// <summary>A 1M-value table: big enough for these tests' policies, quick to build.</summary>
    public static NoiseTable Noise { get; } = new(1 << 20, 123);

    /// <summary>The classic quadratic, 3-d: cheap enough for tests that run many generations.</summary>
    public static TrainingConfig Quadratic(int generations = 30) => new()
    {
        Seed = 7,
        Generations = generations,
        Env = new EnvironmentOptions { Name = "quadratic", Dimension = 3 },
        Strategy = new StrategyOptions { Population = 20, Sigma = 0.1, Shaping = "z_score", L2 = 0 },
        Optimizer = new OptimizerOptions { Name = "sgd", LearningRate = 0.05 },
        Noise = new NoiseOptions { TableSize = 1 << 20, Seed = 123 },
        Evaluation = new EvaluationOptions { Every = 5, Episodes = 1, StopWhenSolved = false },
        Tasks = new TaskOptions { CandidatesPerTask = 3 },
    };

    /// <summary>CartPole with a small MLP and observation normalisation on every candidate.</summary>
    public static TrainingConfig CartPole(int generations = 4) => new()
    {
        Seed = 11,
        Generations = generations,
        Env = new EnvironmentOptions { Name = "CartPole-v1" },
        Policy = new PolicyConfig { Hidden = [8], Activation = "tanh" },
        Strategy = new StrategyOptions { Population = 16, Sigma = 0.1 },
        Noise = new NoiseOptions { TableSize = 1 << 20, Seed = 123 },
        ObsNorm = new ObservationNormOptions { Enabled = true, Fraction = 0.5 },
        Evaluation = new EvaluationOptions { Every = 2, Episodes = 3, StopWhenSolved = false },
        Tasks = new TaskOptions { CandidatesPerTask = 3, EpisodesPerEvalTask = 2 },
    };
}
