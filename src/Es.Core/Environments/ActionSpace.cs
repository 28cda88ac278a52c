namespace Es.Core.Environments;

/// <summary>An environment's action space: either <see cref="Count"/> discrete actions or a box.</summary>
public sealed record ActionSpace
{
    private ActionSpace(bool isDiscrete, int count, float[] low, float[] high)
    {
        IsDiscrete = isDiscrete;
        Count = count;
        Low = low;
        High = high;
    }

    /// <summary>True for a discrete space (actions 0..Count-1).</summary>
    public bool IsDiscrete { get; }

    /// <summary>Number of discrete actions, or 0 for a continuous space.</summary>
    public int Count { get; }

    /// <summary>Lower bounds of a continuous space (empty when discrete).</summary>
    public IReadOnlyList<float> Low { get; }

    /// <summary>Upper bounds of a continuous space (empty when discrete).</summary>
    public IReadOnlyList<float> High { get; }

    /// <summary>Length of the action span passed to <see cref="IEnvironment.Step"/>.</summary>
    public int ActionLength => IsDiscrete ? 1 : Low.Count;

    /// <summary>Number of policy outputs needed: one logit per discrete action, one value per dimension.</summary>
    public int PolicyOutputs => IsDiscrete ? Count : Low.Count;

    /// <summary>A discrete space of <paramref name="count"/> actions.</summary>
    public static ActionSpace Discrete(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        return new ActionSpace(true, count, [], []);
    }

    /// <summary>A continuous box with the given bounds.</summary>
    public static ActionSpace Box(float[] low, float[] high)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        if (low.Length != high.Length || low.Length == 0)
        {
            throw new ArgumentException("Bounds must be non-empty and of equal length.", nameof(high));
        }

        return new ActionSpace(false, 0, (float[])low.Clone(), (float[])high.Clone());
    }
}
