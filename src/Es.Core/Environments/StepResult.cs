namespace Es.Core.Environments;

/// <summary>The outcome of one environment step.</summary>
/// <param name="Reward">The reward for the transition.</param>
/// <param name="Terminated">True when the episode reached a terminal state (not a time limit).</param>
public readonly record struct StepResult(double Reward, bool Terminated);
