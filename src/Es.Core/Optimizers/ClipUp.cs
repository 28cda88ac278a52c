namespace Es.Core.Optimizers;

/// <summary>
/// ClipUp (Toklu et al. 2020, "ClipUp: a simple and powerful optimizer for distribution-based
/// policy evolution"), PGPE's usual companion: the gradient is normalised to the step size,
/// added to a heavy-ball velocity v ← μv + lr·g/‖g‖, and the velocity is clipped to a
/// maximum speed before θ moves by it. Norms are summed in double, element by element, so
/// the bits do not depend on vector width.
/// </summary>
public sealed class ClipUp : IOptimizer
{
    /// <summary>Name recorded in <see cref="OptimizerState"/>.</summary>
    public const string StateName = "clipup";

    private readonly float[] _v;

    /// <summary>Creates ClipUp; <paramref name="maxSpeed"/> 0 means twice the step size (the paper's advice).</summary>
    public ClipUp(int dimension, double stepSize, double momentum = 0.9, double maxSpeed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSpeed);
        if (!(momentum is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Expected momentum in [0, 1).");
        }

        Dimension = dimension;
        StepSize = stepSize;
        Momentum = momentum;
        MaxSpeed = maxSpeed > 0 ? maxSpeed : 2 * stepSize;
        _v = new float[dimension];
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>The length of the normalised gradient step.</summary>
    public double StepSize { get; }

    /// <summary>Heavy-ball momentum μ.</summary>
    public double Momentum { get; }

    /// <summary>The longest velocity allowed.</summary>
    public double MaxSpeed { get; }

    /// <inheritdoc/>
    public void Step(Span<float> theta, ReadOnlySpan<float> lossGradient)
    {
        OptimizerStateGuard.CheckStep(Dimension, theta, lossGradient);
        StepCount++;
        double gradientNorm = Norm(lossGradient);
        double scale = gradientNorm > 0 ? StepSize / gradientNorm : 0;
        for (int i = 0; i < Dimension; i++)
        {
            _v[i] = (float)((Momentum * _v[i]) + (scale * lossGradient[i]));
        }

        double speed = Norm(_v);
        if (speed > MaxSpeed)
        {
            double shrink = MaxSpeed / speed;
            for (int i = 0; i < Dimension; i++)
            {
                _v[i] = (float)(_v[i] * shrink);
            }
        }

        for (int i = 0; i < Dimension; i++)
        {
            theta[i] -= _v[i]; // descends the loss: ascends the reward
        }
    }

    /// <inheritdoc/>
    public OptimizerState Export() => new(StateName, StepCount, [(float[])_v.Clone()]);

    /// <inheritdoc/>
    public void Import(OptimizerState state)
    {
        OptimizerStateGuard.CheckImport(state, StateName, Dimension, moments: 1);
        state.Moments[0].CopyTo(_v, 0);
        StepCount = state.StepCount;
    }

    private static double Norm(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }
}
