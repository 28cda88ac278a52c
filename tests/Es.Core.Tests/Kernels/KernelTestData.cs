using Es.Core.Randomness;

namespace Es.Core.Tests.Kernels;

internal static class KernelTestData
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
