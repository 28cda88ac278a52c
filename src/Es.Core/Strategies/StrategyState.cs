namespace Es.Core.Strategies;

/// <summary>
/// A strategy's persisted state, in a shape every strategy fits: named by the strategy,
/// a list of real vectors (stored as raw double bits) and a list of integer vectors.
/// What each entry means is the strategy's business; the codec only carries them.
/// </summary>
/// <param name="Name">The strategy (<c>strategy.name</c>), checked on import.</param>
/// <param name="Reals">Real-valued parts (for CMA-ES: m, σ, p_σ, p_c, C, B, D, …).</param>
/// <param name="Integers">Integer parts (for the GA: the parents' genomes).</param>
public sealed record StrategyState(string Name, double[][] Reals, int[][] Integers)
{
    /// <summary>The state of a strategy that keeps nothing besides θ and the optimizer.</summary>
    public static StrategyState Empty(string name) => new(name, [], []);

    /// <summary>Throws unless this is a state of <paramref name="name"/> with the given part lengths.</summary>
    /// <exception cref="InvalidDataException">It is not.</exception>
    public void Expect(string name, int[] realLengths, int integerParts = -1)
    {
        ArgumentNullException.ThrowIfNull(realLengths);
        if (Name != name)
        {
            throw new InvalidDataException($"snapshot strategy state is {Name}'s, the configuration's strategy is {name}");
        }

        if (Reals.Length != realLengths.Length || (integerParts >= 0 && Integers.Length != integerParts))
        {
            throw new InvalidDataException($"snapshot {name} state has {Reals.Length} real and {Integers.Length} integer parts; expected {realLengths.Length} and {(integerParts < 0 ? "any" : integerParts)}");
        }

        for (int i = 0; i < realLengths.Length; i++)
        {
            if (Reals[i].Length != realLengths[i])
            {
                throw new InvalidDataException($"snapshot {name} state part {i} has {Reals[i].Length} values, expected {realLengths[i]}");
            }
        }
    }
}
