namespace Es.Core.Policies;

/// <summary>The nonlinearity applied after each hidden layer of an <see cref="MlpPolicy"/>.</summary>
public enum Activation
{
    /// <summary>Hyperbolic tangent (the Salimans et al. default).</summary>
    Tanh,

    /// <summary>Rectified linear unit, max(x, 0).</summary>
    Relu,
}
