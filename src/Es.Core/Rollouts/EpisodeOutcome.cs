namespace Es.Core.Rollouts;

/// <summary>The result of one episode (or one black-box evaluation).</summary>
/// <param name="Return">Sum of rewards.</param>
/// <param name="Steps">Environment steps taken (1 for a black-box function).</param>
public readonly record struct EpisodeOutcome(double Return, int Steps);
