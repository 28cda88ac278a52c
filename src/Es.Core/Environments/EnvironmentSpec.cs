namespace Es.Core.Environments;

/// <summary>Static facts about an environment.</summary>
/// <param name="Name">The registered name, e.g. <c>CartPole-v1</c>.</param>
/// <param name="ObservationSize">Length of the observation vector.</param>
/// <param name="Actions">The action space.</param>
/// <param name="MaxEpisodeSteps">Gymnasium's time limit for the task.</param>
/// <param name="SolvedThreshold">Mean evaluation return at which the task counts as solved.</param>
public sealed record EnvironmentSpec(
    string Name,
    int ObservationSize,
    ActionSpace Actions,
    int MaxEpisodeSteps,
    double SolvedThreshold);
