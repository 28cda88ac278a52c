using System.Diagnostics.CodeAnalysis;

namespace Es.Core.Environments;

/// <summary>
/// Argument checks shared by the environments. The checks are a compare and a branch;
/// the throwing paths live in separate non-inlined methods so <c>Step</c> stays small.
/// </summary>
internal static class EnvironmentGuard
{
    /// <summary>Reads a discrete action index from element 0 and checks it is in 0..count-1.</summary>
    public static int DiscreteAction(ReadOnlySpan<float> action, int count)
    {
        if (action.IsEmpty)
        {
            ThrowActionTooShort(nameof(action));
        }

        int index = (int)action[0];
        if ((uint)index >= (uint)count)
        {
            ThrowActionOutOfRange(nameof(action), action[0], count);
        }

        return index;
    }

    /// <summary>Checks the action span holds one value per dimension of a continuous space.</summary>
    public static void ContinuousAction(ReadOnlySpan<float> action, int length)
    {
        if (action.Length < length)
        {
            ThrowActionTooShort(nameof(action));
        }
    }

    /// <summary>Checks the observation buffer can hold <paramref name="size"/> values.</summary>
    public static void Observation(Span<float> observation, int size)
    {
        if (observation.Length < size)
        {
            ThrowObservationTooShort(nameof(observation), observation.Length, size);
        }
    }

    [DoesNotReturn]
    private static void ThrowActionTooShort(string paramName) =>
        throw new ArgumentException("The action span is shorter than the action space.", paramName);

    [DoesNotReturn]
    private static void ThrowActionOutOfRange(string paramName, float value, int count) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"A discrete action must be an index in 0..{count - 1}.");

    [DoesNotReturn]
    private static void ThrowObservationTooShort(string paramName, int length, int size) =>
        throw new ArgumentException($"The observation buffer has length {length}; the environment writes {size} values.", paramName);
}
