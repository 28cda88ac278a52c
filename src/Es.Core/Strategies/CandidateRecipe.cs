namespace Es.Core.Strategies;

/// <summary>
/// How one generation's candidates are rebuilt from their names: immutable once published
/// (shared by every evaluator of the process) and built from the strategy state each node's
/// replica holds, so only (generation, index) ever crosses the wire.
/// </summary>
public abstract class CandidateRecipe
{
    /// <summary>Number of parameters a candidate has.</summary>
    public abstract int Dimension { get; }

    /// <summary>Writes candidate <paramref name="candidate"/>'s parameters to <paramref name="parameters"/>.</summary>
    /// <remarks>Thread-safe; allocates nothing on the heap.</remarks>
    public abstract void Build(CandidateName candidate, Span<float> parameters);

    /// <summary>Throws unless <paramref name="parameters"/> has <see cref="Dimension"/> values.</summary>
    protected void CheckLength(Span<float> parameters)
    {
        if (parameters.Length != Dimension)
        {
            throw new ArgumentException($"Expected {Dimension} parameters, got {parameters.Length}.", nameof(parameters));
        }
    }
}
