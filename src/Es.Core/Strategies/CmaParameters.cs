using Es.Core.Randomness;

namespace Es.Core.Strategies;

/// <summary>
/// CMA-ES's default strategy parameters (Hansen, "The CMA Evolution Strategy: A Tutorial",
/// arXiv 1604.00772, Table 1, with positive recombination weights only): everything
/// follows from the dimension d and the population λ.
/// </summary>
public sealed class CmaParameters
{
    /// <summary>Computes the defaults; <paramref name="separable"/> scales the learning rates by (d + 2)/3 (Ros and Hansen 2008).</summary>
    public CmaParameters(int dimension, int population, bool separable)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 2);
        double d = dimension;
        Parents = population / 2;
        Weights = new double[Parents];
        double total = 0;
        for (int i = 0; i < Parents; i++)
        {
            Weights[i] = DeterministicMath.Log(Parents + 0.5) - DeterministicMath.Log(i + 1);
            total += Weights[i];
        }

        double squares = 0;
        for (int i = 0; i < Parents; i++)
        {
            Weights[i] /= total;
            squares += Weights[i] * Weights[i];
        }

        double mueff = 1 / squares;
        EffectiveParents = mueff;
        CSigma = (mueff + 2) / (d + mueff + 5);
        DSigma = 1 + (2 * Math.Max(0, Math.Sqrt((mueff - 1) / (d + 1)) - 1)) + CSigma;
        CC = (4 + (mueff / d)) / (d + 4 + (2 * mueff / d));
        double c1 = 2 / (((d + 1.3) * (d + 1.3)) + mueff);
        double cmu = Math.Min(1 - c1, 2 * (mueff - 2 + (1 / mueff)) / (((d + 2) * (d + 2)) + mueff));
        if (separable)
        {
            c1 *= (d + 2) / 3;
            cmu = Math.Min(1 - c1, cmu * (d + 2) / 3);
        }

        C1 = c1;
        CMu = cmu;
        ExpectedNorm = Math.Sqrt(d) * (1 - (1 / (4 * d)) + (1 / (21 * d * d)));

        // B and D are refreshed when C has moved enough to matter: every
        // max(1, ⌊1/(10·d·(c1 + cμ))⌋ generations (the tutorial's lazy update, O(d²) per sample).
        EigenInterval = Math.Max(1, (int)Math.Floor(1 / (10 * d * (c1 + cmu))));
    }

    /// <summary>μ = ⌊λ/2⌋, the candidates recombined.</summary>
    public int Parents { get; }

    /// <summary>w_1 ≥ … ≥ w_μ &gt; 0, summing to 1.</summary>
    public double[] Weights { get; }

    /// <summary>μ_eff = 1/Σw².</summary>
    public double EffectiveParents { get; }

    /// <summary>c_σ.</summary>
    public double CSigma { get; }

    /// <summary>d_σ.</summary>
    public double DSigma { get; }

    /// <summary>c_c.</summary>
    public double CC { get; }

    /// <summary>c_1.</summary>
    public double C1 { get; }

    /// <summary>c_μ.</summary>
    public double CMu { get; }

    /// <summary>E‖N(0, I)‖ ≈ √d (1 − 1/(4d) + 1/(21d²)).</summary>
    public double ExpectedNorm { get; }

    /// <summary>Generations between eigendecompositions (full CMA-ES).</summary>
    public int EigenInterval { get; }

    /// <summary>h_σ: false while ‖p_σ‖ is too long, which stalls p_c (the tutorial's (1.4 + 2/(d+1))·E‖N‖ test).</summary>
    public bool Heaviside(double sigmaPathNorm, int generation, int dimension)
    {
        // (1 − c_σ)^(2(g+1)) through the deterministic log and exp; it underflows to 0 early.
        double exponent = 2.0 * (generation + 1) * DeterministicMath.Log(1 - CSigma);
        double decay = 1 - (exponent < -700 ? 0 : StepSizeMath.Exp(exponent));
        return sigmaPathNorm / Math.Sqrt(decay) < (1.4 + (2.0 / (dimension + 1))) * ExpectedNorm;
    }

    /// <summary>The factor σ is multiplied by: exp((c_σ/d_σ)(‖p_σ‖/E‖N‖ − 1)).</summary>
    public double SigmaFactor(double sigmaPathNorm) =>
        StepSizeMath.Exp(Math.Min(1, (CSigma / DSigma) * ((sigmaPathNorm / ExpectedNorm) - 1)));
}
