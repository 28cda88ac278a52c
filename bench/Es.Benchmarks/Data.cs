using Es.Core.Randomness;

namespace Es.Benchmarks;

/// <summary>Seeded benchmark inputs.</summary>
internal static class Data
{
    public static float[] Uniform(ref DeterministicRandom rng, int length, double low, double high)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)rng.Uniform(low, high);
        }

        return values;
    }
}
