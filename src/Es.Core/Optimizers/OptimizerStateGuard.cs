namespace Es.Core.Optimizers;

/// <summary>Checks shared by the optimizers' Step and Import.</summary>
internal static class OptimizerStateGuard
{
    public static void CheckStep(int dimension, Span<float> theta, ReadOnlySpan<float> lossGradient)
    {
        if (theta.Length != dimension || lossGradient.Length != dimension)
        {
            throw new ArgumentException($"Expected θ and gradient of {dimension} values, got {theta.Length} and {lossGradient.Length}.", nameof(theta));
        }
    }

    public static void CheckImport(OptimizerState state, string name, int dimension, int moments)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Name != name)
        {
            throw new ArgumentException($"Expected state of optimizer '{name}', got '{state.Name}'.", nameof(state));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(state.StepCount);
        if (state.Moments is null || state.Moments.Length != moments || state.Moments.Any(m => m is null || m.Length != dimension))
        {
            throw new ArgumentException($"Expected {moments} moment vector(s) of {dimension} values for optimizer '{name}'.", nameof(state));
        }
    }
}
