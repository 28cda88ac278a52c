using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>Builds the strategy (and the optimizer) a configuration names.</summary>
public static class StrategyFactory
{
    /// <summary>The optimizer of <c>optimizer.*</c> for θ of <paramref name="dimension"/> values.</summary>
    public static IOptimizer CreateOptimizer(OptimizerOptions options, int dimension)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Name switch
        {
            "sgd" => new SgdMomentum(dimension, options.LearningRate, options.Momentum),
            "clipup" => new ClipUp(dimension, options.LearningRate, options.Momentum, options.MaxSpeed),
            _ => new Adam(dimension, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon),
        };
    }

    /// <summary>The <c>strategy.shaping</c> value as an enum.</summary>
    public static FitnessShaping ParseShaping(string name) => name switch
    {
        "z_score" => FitnessShaping.ZScore,
        "raw" => FitnessShaping.Raw,
        _ => FitnessShaping.CenteredRanks,
    };

    /// <summary>
    /// Throws a one-line <see cref="ConfigException"/> when the strategy cannot hold a problem of
    /// <paramref name="parameters"/> parameters (CMA-ES's d×d covariance).
    /// </summary>
    public static void CheckFits(TrainingConfig config, int parameters, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Strategy.Name == CmaEs.StrategyName && parameters > CmaEs.MaxDimension)
        {
            throw new ConfigException(source, "strategy.name", $"cma-es keeps a full d×d covariance and supports at most {CmaEs.MaxDimension} parameters; this problem has {parameters}: use sep-cma-es (diagonal covariance) or a smaller policy");
        }
    }

    /// <summary>Creates the configured strategy at θ₀ = <paramref name="theta"/>, stepping θ with <paramref name="optimizer"/> where it uses one.</summary>
    public static IEvolutionStrategy Create(TrainingConfig config, NoiseTable noise, ReadOnlySpan<float> theta, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(optimizer);
        CheckFits(config, theta.Length, "config");
        var s = config.Strategy;
        int d = theta.Length;
        return s.Name switch
        {
            OpenAiEsStrategy.StrategyName => new OpenAiEsStrategy(new OpenAiEs(noise, d, s.Population, s.Sigma, ParseShaping(s.Shaping), s.L2), optimizer, noise, config.Seed),
            Pgpe.StrategyName => new Pgpe(d, s.Population, s.Sigma, ParseShaping(s.Shaping), s.StdevLearningRate, s.StdevMaxChange, optimizer, noise, config.Seed),
            Snes.StrategyName => new Snes(theta, s.Population, s.Sigma, s.CenterLearningRate, s.StdevLearningRate, noise, config.Seed),
            CmaEs.StrategyName => new CmaEs(theta, s.Population, s.Sigma, noise, config.Seed),
            SepCmaEs.StrategyName => new SepCmaEs(theta, s.Population, s.Sigma, noise, config.Seed),
            Ars.StrategyName => new Ars(d, s.Population, s.Sigma, s.TopDirections, optimizer, noise, config.Seed),
            SeedGenomeGa.StrategyName => new SeedGenomeGa(theta, s.Population, new MutationPower(s.Sigma, s.SigmaDecay, s.SigmaLimit), s.Truncation, noise, config.Seed),
            _ => throw new ConfigException("config", "strategy.name", $"unknown strategy \"{s.Name}\"; known: {string.Join(", ", ConfigLoader.Strategies)}"),
        };
    }
}
