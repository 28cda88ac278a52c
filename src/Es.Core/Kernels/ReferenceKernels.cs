namespace Es.Core.Kernels;

/// <summary>
/// Plain scalar counterparts of <see cref="VectorKernels"/>: obviously correct code the
/// tests hold the vectorised kernels against.
/// </summary>
public static class ReferenceKernels
{
    /// <summary>Element by element with the same formula as <see cref="VectorKernels.Tanh"/>, so the bits must match.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(y.Length, x.Length, nameof(y));
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = TanhApproximation.Evaluate(x[i]);
        }
    }

    /// <summary>x[i] = x[i] &gt; 0 ? x[i] : 0, in place.</summary>
    public static void Relu(Span<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = x[i] > 0f ? x[i] : 0f;
        }
    }

    /// <summary>y = W·x + b with each row summed left to right in double precision.</summary>
    public static void MatVec(ReadOnlySpan<float> weightsRowMajor, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        CheckShape(weightsRowMajor, x, bias, y);
        for (int r = 0; r < y.Length; r++)
        {
            double sum = 0;
            for (int c = 0; c < x.Length; c++)
            {
                sum += (double)weightsRowMajor[(r * x.Length) + c] * x[c];
            }

            y[r] = (float)(sum + bias[r]);
        }
    }

    /// <summary>
    /// The exact float operation order of <see cref="VectorKernels.MatVec"/>, one lane at a
    /// time: x and each row zero-padded to a multiple of 8, lane l accumulating
    /// acc[l] = acc[l] + w·x from +0, reduced as ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)),
    /// then the bias added. The vector kernel must equal this bit for bit.
    /// </summary>
    public static void MatVecEightLane(ReadOnlySpan<float> weightsRowMajor, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        CheckShape(weightsRowMajor, x, bias, y);
        const int Lanes = VectorKernels.MatVecLanes;
        int cols = x.Length;
        int blocks = (cols + Lanes - 1) / Lanes;
        Span<float> acc = stackalloc float[Lanes];
        for (int r = 0; r < y.Length; r++)
        {
            acc.Clear();
            for (int b = 0; b < blocks; b++)
            {
                for (int l = 0; l < Lanes; l++)
                {
                    int c = (b * Lanes) + l;
                    float w = c < cols ? weightsRowMajor[(r * cols) + c] : 0f;
                    float v = c < cols ? x[c] : 0f;
                    float product = w * v;
                    acc[l] = acc[l] + product;
                }
            }

            float s0 = acc[0] + acc[4];
            float s1 = acc[1] + acc[5];
            float s2 = acc[2] + acc[6];
            float s3 = acc[3] + acc[7];
            y[r] = ((s0 + s2) + (s1 + s3)) + bias[r];
        }
    }

    private static void CheckShape(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(bias.Length, y.Length, nameof(bias));
        ArgumentOutOfRangeException.ThrowIfNotEqual((long)w.Length, (long)y.Length * x.Length, "weightsRowMajor");
    }
}
