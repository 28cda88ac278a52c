using Es.Core.Environments;

namespace Es.Core.Policies;

/// <summary>Builds the policy described by <see cref="PolicyOptions"/> for an environment's shapes.</summary>
public static class PolicyFactory
{
    /// <summary>Creates a policy mapping <paramref name="observationSize"/> inputs to an action in <paramref name="actions"/>.</summary>
    public static IPolicy Create(int observationSize, ActionSpace actions, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MlpPolicy(observationSize, actions, options.HiddenSizes, options.Activation);
    }
}
