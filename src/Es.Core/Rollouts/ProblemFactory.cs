using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Functions;
using Es.Core.Policies;

namespace Es.Core.Rollouts;

/// <summary>Builds the problem a configuration describes; each evaluator calls it for its own instance.</summary>
public static class ProblemFactory
{
    /// <summary>Creates a fresh problem instance for <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">An unknown environment or function name.</exception>
    public static IProblem Create(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = config.Env.Name;
        if (ObjectiveRegistry.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return new FunctionProblem(ObjectiveRegistry.Create(name, FunctionDimension(config)), config.Env.Start);
        }

        var environment = EnvironmentRegistry.Create(name);
        var spec = environment.Spec;
        var activation = config.Policy.Activation == "relu" ? Activation.Relu : Activation.Tanh;
        var policy = PolicyFactory.Create(spec.ObservationSize, spec.Actions, new PolicyOptions([.. config.Policy.Hidden], activation));
        int maxSteps = config.Env.MaxSteps > 0 ? config.Env.MaxSteps : spec.MaxEpisodeSteps;
        return new RolloutProblem(environment, policy, maxSteps);
    }

    /// <summary>
    /// <see cref="Create"/> for a configuration read from <paramref name="source"/>: an
    /// environment that cannot be created on this machine becomes a <see cref="ConfigException"/>
    /// on <c>env.name</c> (one line, bad input), its message saying what to install; a
    /// strategy that cannot hold the problem (CMA-ES past its dimension limit) one on <c>strategy.name</c>.
    /// </summary>
    public static IProblem CreateChecked(TrainingConfig config, string source)
    {
        try
        {
            var problem = Create(config);
            Strategies.StrategyFactory.CheckFits(config, problem.ParameterCount, source);
            return problem;
        }
        catch (EnvironmentUnavailableException e)
        {
            throw new ConfigException(source, "env.name", $"{config.Env.Name}: {e.Message}");
        }
    }

    /// <summary>The dimension of a black-box function: the configured one, else 3 for the classic quadratic and 10 for the rest.</summary>
    public static int FunctionDimension(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Env.Dimension > 0)
        {
            return config.Env.Dimension;
        }

        return string.Equals(config.Env.Name, "quadratic", StringComparison.OrdinalIgnoreCase) ? 3 : 10;
    }
}
