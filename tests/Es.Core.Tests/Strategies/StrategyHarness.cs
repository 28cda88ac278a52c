using Es.Core.Configuration;
using Es.Core.Functions;
using Es.Core.Noise;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

/// <summary>Drives a strategy by ask/tell on a black-box function, in process, as the session does.</summary>
internal static class StrategyHarness
{
    public const ulong RunSeed = 7;

    public static readonly NoiseTable Table = new(1 << 20, 123);

    public static readonly string[] Names = ["openai-es", "pgpe", "snes", "cma-es", "sep-cma-es", "ars", "ga"];

    /// <summary>A configuration for <paramref name="name"/> on a d-dimensional function, with settings that solve the sphere.</summary>
    public static TrainingConfig Config(string name, int population = 20) => new()
    {
        Seed = RunSeed,
        Strategy = new StrategyOptions
        {
            Name = name,
            Population = population,
            Sigma = name switch { "ga" => 0.01, "ars" or "openai-es" => 0.1, _ => 1.0 },
            L2 = 0,
            Truncation = 5,
            TopDirections = 0,
        },
        Optimizer = name switch
        {
            "ars" => new OptimizerOptions { Name = "sgd", LearningRate = 0.05, Momentum = 0 },
            _ => new OptimizerOptions { Name = "adam", LearningRate = 0.1 },
        },
    };

    /// <summary>Creates the strategy at θ₀ and returns it with θ.</summary>
    public static (IEvolutionStrategy Strategy, float[] Theta) Create(TrainingConfig config, float[] theta0)
    {
        var (strategy, theta, _) = CreateWithOptimizer(config, theta0);
        return (strategy, theta);
    }

    /// <summary>Creates the strategy at θ₀ and returns it with θ and the optimizer that steps θ (the session keeps the optimizer's state).</summary>
    public static (IEvolutionStrategy Strategy, float[] Theta, Es.Core.Optimizers.IOptimizer Optimizer) CreateWithOptimizer(TrainingConfig config, float[] theta0)
    {
        var theta = (float[])theta0.Clone();
        var optimizer = StrategyFactory.CreateOptimizer(config.Optimizer, theta.Length);
        return (StrategyFactory.Create(config, Table, theta, optimizer), theta, optimizer);
    }

    /// <summary>The rewards (−f) of generation <paramref name="generation"/>'s candidates.</summary>
    public static double[] Score(IEvolutionStrategy strategy, int generation, float[] theta, IObjectiveFunction function)
    {
        var recipe = strategy.Ask(generation, [.. theta]);
        var candidate = new float[theta.Length];
        var rewards = new double[strategy.Population];
        for (int i = 0; i < rewards.Length; i++)
        {
            recipe.Build(new CandidateName(generation, i), candidate);
            rewards[i] = -function.Evaluate(candidate);
        }

        return rewards;
    }

    /// <summary>
    /// Steps a strategy and its restored copy side by side over generations
    /// [<paramref name="first"/>, <paramref name="last"/>), asserting that both score the same
    /// candidates every generation.
    /// </summary>
    public static void ContinueSideBySide(IEvolutionStrategy original, float[] theta, IEvolutionStrategy restored, float[] restoredTheta, IObjectiveFunction function, int first, int last)
    {
        for (int g = first; g < last; g++)
        {
            var rewards = Score(original, g, theta, function);
            Assert.Equal(rewards, Score(restored, g, restoredTheta, function));
            original.Tell(g, rewards, theta);
            restored.Tell(g, rewards, restoredTheta);
        }
    }

    /// <summary>Runs until f(θ) ≤ <paramref name="target"/> or the generations run out; returns the generations used (−1 when not reached).</summary>
    public static int Solve(IEvolutionStrategy strategy, float[] theta, IObjectiveFunction function, double target, int generations)
    {
        for (int g = 0; g < generations; g++)
        {
            if (function.Evaluate(theta) <= target)
            {
                return g;
            }

            strategy.Tell(g, Score(strategy, g, theta, function), theta);
        }

        return function.Evaluate(theta) <= target ? generations : -1;
    }
}
