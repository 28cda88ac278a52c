namespace Es.Core.Policies;

/// <summary>Shape of the policy network.</summary>
/// <param name="HiddenSizes">Width of each hidden layer, input side first; empty for a linear policy.</param>
/// <param name="Activation">Nonlinearity after each hidden layer.</param>
public sealed record PolicyOptions(int[] HiddenSizes, Activation Activation = Activation.Tanh);
