namespace Es.Core.Tests.Optimizers;

/// <summary>
/// Plain scalar optimizers, transcribed from Salimans et al.'s reference code, that the
/// vectorised implementations must match bit for bit.
/// </summary>
internal static class OptimizerReferences
{
    /// <param name="stepSize">a = lr·sqrt(1 − β2^t)/(1 − β1^t), from Adam.StepSize (tested on its own).</param>
    public static void AdamStep(float[] theta, float[] m, float[] v, float[] g, double stepSize, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        float a = (float)stepSize;
        for (int i = 0; i < theta.Length; i++)
        {
            m[i] = ((float)beta1 * m[i]) + ((float)(1 - beta1) * g[i]);
            v[i] = ((float)beta2 * v[i]) + ((float)(1 - beta2) * (g[i] * g[i]));
            theta[i] += -a * m[i] / (MathF.Sqrt(v[i]) + (float)epsilon);
        }
    }

    public static void SgdMomentumStep(float[] theta, float[] v, float[] g, double lr, double momentum = 0.9)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            v[i] = ((float)momentum * v[i]) + ((float)(1 - momentum) * g[i]);
            theta[i] += (float)-lr * v[i];
        }
    }
}
