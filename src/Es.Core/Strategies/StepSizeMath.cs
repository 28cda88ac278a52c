namespace Es.Core.Strategies;

/// <summary>
/// exp for the step-size updates (SNES, PGPE's bounds, CMA-ES), from basic IEEE-754
/// operations only, like <see cref="Randomness.DeterministicMath"/>: a strategy state
/// then has the same bits on every machine, not only on the same libm.
/// </summary>
public static class StepSizeMath
{
    private const double Ln2 = 0.693147180559945309417232121458;

    /// <summary>e^<paramref name="x"/> for |x| ≤ 700, about 1e-15 relative.</summary>
    public static double Exp(double x)
    {
        if (!(Math.Abs(x) <= 700))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Expected |x| ≤ 700.");
        }

        // x = k·ln2 + r with |r| ≤ ln2/2; e^r by its series, then scaled by 2^k exactly.
        double k = Math.Round(x / Ln2);
        double r = x - (k * Ln2);
        double term = 1, sum = 1;
        for (int n = 1; n <= 22; n++)
        {
            term *= r / n;
            sum += term;
        }

        return Math.ScaleB(sum, (int)k);
    }
}
