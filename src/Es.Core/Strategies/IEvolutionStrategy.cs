namespace Es.Core.Strategies;

/// <summary>
/// A search strategy behind ask/tell. <see cref="Ask"/> publishes, for one generation, the
/// frozen recipe that turns a candidate's name (generation, index) into its parameters;
/// <see cref="Tell"/> takes that generation's rewards in candidate order and moves to the
/// next state. Names are all that crosses the wire: every node holds the same strategy
/// state (restored from a snapshot, advanced by replaying the same rewards) and rebuilds
/// the candidates itself.
/// </summary>
/// <remarks>
/// Deterministic: the same state and rewards give the same bits on every node. Not
/// thread-safe (one per session); the recipes it hands out are immutable and shared.
/// </remarks>
public interface IEvolutionStrategy
{
    /// <summary>The strategy's configuration name (<c>strategy.name</c>).</summary>
    string Name { get; }

    /// <summary>Number of parameters.</summary>
    int Dimension { get; }

    /// <summary>Candidates per generation.</summary>
    int Population { get; }

    /// <summary>
    /// True when candidates 2k and 2k + 1 are mirrored (they share one noise slice): a failed
    /// candidate then takes its partner out of the update with it.
    /// </summary>
    bool Paired { get; }

    /// <summary>The recipe of generation <paramref name="generation"/>'s candidates.</summary>
    /// <param name="generation">The generation about to be scored.</param>
    /// <param name="theta">A frozen copy of θ (the session's centre) that the recipe may keep.</param>
    CandidateRecipe Ask(int generation, float[] theta);

    /// <summary>
    /// Applies generation <paramref name="generation"/>'s rewards and writes the new centre to
    /// <paramref name="theta"/>. A non-finite reward marks a failed candidate: it (with its
    /// partner when <see cref="Paired"/>) is left out of the update.
    /// </summary>
    void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta);

    /// <summary>The strategy's own state (θ and the optimizer's are kept by the session).</summary>
    StrategyState Export();

    /// <summary>Restores a state from <see cref="Export"/>, after the session restored θ.</summary>
    /// <exception cref="InvalidDataException">The state is not of this strategy or does not fit it.</exception>
    void Import(StrategyState state, ReadOnlySpan<float> theta);
}
