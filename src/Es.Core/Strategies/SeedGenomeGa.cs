using Es.Core.Noise;
using Es.Core.Rollouts;

namespace Es.Core.Strategies;

/// <summary>
/// The deep GA of Such et al. 2017: truncation selection of the best T, elitism (candidate 0
/// of every generation is the previous best, unchanged and scored again), and Gaussian
/// mutation θ' = θ + σε with no crossover. An individual is stored the way the paper
/// compresses it: θ₀ and the list of noise-table offsets of its mutations, so the state in a
/// snapshot is a few integers per parent and the parents' parameters are rebuilt from them.
/// A failed candidate ranks last and is never selected.
/// </summary>
public sealed class SeedGenomeGa : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "ga";

    private readonly float[] _initial;
    private readonly float _sigma;
    private readonly int _truncation;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly int[] _order;
    private int[][] _genomes;
    private float[][] _parents;

    /// <summary>Creates the GA with θ₀ = <paramref name="theta"/> as its only parent.</summary>
    /// <param name="theta">θ₀.</param>
    /// <param name="population">N.</param>
    /// <param name="sigma">Mutation power σ.</param>
    /// <param name="truncation">T, the parents kept each generation.</param>
    /// <param name="noise">The noise table.</param>
    /// <param name="runSeed">The run seed.</param>
    public SeedGenomeGa(ReadOnlySpan<float> theta, int population, double sigma, int truncation, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(theta.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(truncation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(truncation, population);
        _initial = theta.ToArray();
        Population = population;
        _sigma = (float)sigma;
        _truncation = truncation;
        _noise = noise;
        _runSeed = runSeed;
        _order = new int[population];
        _genomes = [[]];
        _parents = [[.. _initial]];
    }

    /// <inheritdoc/>
    public string Name => StrategyName;

    /// <inheritdoc/>
    public int Dimension => _initial.Length;

    /// <inheritdoc/>
    public int Population { get; }

    /// <inheritdoc/>
    public bool Paired => false;

    /// <summary>The parents' genomes, best first: each the noise offsets of its mutations, oldest first.</summary>
    public IReadOnlyList<int[]> Genomes => _genomes;

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta) => new GenomeRecipe(_parents, _sigma, _noise, _runSeed); // replaced, never changed in place

    /// <inheritdoc/>
    public void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta)
    {
        Ranking.BestFirst(rewards, _order);
        int finite = 0;
        foreach (double r in rewards)
        {
            finite += double.IsFinite(r) ? 1 : 0;
        }

        int keep = Math.Max(1, Math.Min(_truncation, finite));
        var genomes = new int[keep][];
        var parents = new float[keep][];
        for (int i = 0; i < keep; i++)
        {
            var name = new CandidateName(generation, _order[i]);
            int parent = GenomeRecipe.Parent(_runSeed, name, _parents.Length);
            if (name.Index == 0)
            {
                genomes[i] = _genomes[parent];
                parents[i] = _parents[parent];
                continue;
            }

            int offset = GenomeRecipe.MutationOffset(_runSeed, name, _noise, Dimension);
            genomes[i] = [.. _genomes[parent], offset];
            parents[i] = new float[Dimension];
            CandidateEvaluator.Perturb(_parents[parent], _noise.Slice(offset, Dimension), _sigma, parents[i]);
        }

        _genomes = genomes;
        _parents = parents;
        parents[0].CopyTo(theta);
    }

    /// <inheritdoc/>
    public StrategyState Export() => new(Name, [], [.. _genomes.Select(g => (int[])g.Clone())]);

    /// <inheritdoc/>
    public void Import(StrategyState state, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(Name, []);
        if (state.Integers.Length is 0 || state.Integers.Length > _truncation
            || state.Integers.Any(g => g.Any(offset => offset < 0 || offset > _noise.Size - Dimension)))
        {
            throw new InvalidDataException($"snapshot ga state has {state.Integers.Length} genomes (expected 1 to {_truncation}) or an offset outside the noise table");
        }

        var parents = state.Integers.Select(Rebuild).ToArray();
        if (!parents[0].AsSpan().SequenceEqual(theta))
        {
            throw new InvalidDataException("snapshot ga state: the elite's genome does not rebuild the snapshot's θ");
        }

        _genomes = [.. state.Integers.Select(g => (int[])g.Clone())];
        _parents = parents;
    }

    /// <summary>θ₀ plus each mutation in order: the very operations the live run applied.</summary>
    private float[] Rebuild(int[] genome)
    {
        var parameters = (float[])_initial.Clone();
        foreach (int offset in genome)
        {
            CandidateEvaluator.Perturb(parameters, _noise.Slice(offset, Dimension), _sigma, parameters);
        }

        return parameters;
    }
}
