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
/// <remarks>
/// When σ decays (<see cref="MutationPower"/>), a rebuild must know each mutation's
/// generation: a genome then holds one entry per generation, <see cref="Carried"/> where the
/// individual was the elite and passed on unchanged, so entry g is generation g's mutation.
/// With a fixed σ genomes stay the paper's list of mutations only.
/// </remarks>
public sealed class SeedGenomeGa : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "ga";

    private readonly float[] _initial;
    private readonly MutationPower _power;
    private readonly int _truncation;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly int[] _order;
    private int[][] _genomes;
    private float[][] _parents;

    /// <summary>A genome entry for a generation in which the individual was the elite, unchanged.</summary>
    public const int Carried = -1;

    /// <summary>Creates the GA with θ₀ = <paramref name="theta"/> as its only parent and a fixed mutation power.</summary>
    /// <param name="theta">θ₀.</param>
    /// <param name="population">N.</param>
    /// <param name="sigma">Mutation power σ.</param>
    /// <param name="truncation">T, the parents kept each generation.</param>
    /// <param name="noise">The noise table.</param>
    /// <param name="runSeed">The run seed.</param>
    public SeedGenomeGa(ReadOnlySpan<float> theta, int population, double sigma, int truncation, NoiseTable noise, ulong runSeed)
        : this(theta, population, new MutationPower(sigma), truncation, noise, runSeed)
    {
    }

    /// <summary>Creates the GA with θ₀ = <paramref name="theta"/> as its only parent.</summary>
    /// <param name="theta">θ₀.</param>
    /// <param name="population">N.</param>
    /// <param name="power">The mutation power by generation.</param>
    /// <param name="truncation">T, the parents kept each generation.</param>
    /// <param name="noise">The noise table.</param>
    /// <param name="runSeed">The run seed.</param>
    public SeedGenomeGa(ReadOnlySpan<float> theta, int population, MutationPower power, int truncation, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(power);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(theta.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(truncation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(truncation, population);
        _initial = theta.ToArray();
        Population = population;
        _power = power;
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

    /// <summary>The parents' genomes, best first: each the noise offsets of its mutations, oldest first (with a decaying σ one entry per generation, <see cref="Carried"/> where unchanged).</summary>
    public IReadOnlyList<int[]> Genomes => _genomes;

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta) => new GenomeRecipe(_parents, _power.At(generation), _noise, _runSeed); // replaced, never changed in place

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
        float sigma = _power.At(generation);
        var genomes = new int[keep][];
        var parents = new float[keep][];
        for (int i = 0; i < keep; i++)
        {
            var name = new CandidateName(generation, _order[i]);
            int parent = GenomeRecipe.Parent(_runSeed, name, _parents.Length);
            if (name.Index == 0)
            {
                genomes[i] = _power.Decays ? [.. _genomes[parent], Carried] : _genomes[parent];
                parents[i] = _parents[parent];
                continue;
            }

            int offset = GenomeRecipe.MutationOffset(_runSeed, name, _noise, Dimension);
            genomes[i] = [.. _genomes[parent], offset];
            parents[i] = new float[Dimension];
            CandidateEvaluator.Perturb(_parents[parent], _noise.Slice(offset, Dimension), sigma, parents[i]);
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
        int lowest = _power.Decays ? Carried : 0;
        if (state.Integers.Length is 0 || state.Integers.Length > _truncation
            || state.Integers.Any(g => g.Any(offset => offset < lowest || offset > _noise.Size - Dimension)))
        {
            throw new InvalidDataException($"snapshot ga state has {state.Integers.Length} genomes (expected 1 to {_truncation}) or an offset outside the noise table");
        }

        if (_power.Decays && state.Integers.Any(g => g.Length != state.Integers[0].Length))
        {
            throw new InvalidDataException("snapshot ga state: with sigma_decay every genome holds one entry per generation, but their lengths differ");
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
        for (int entry = 0; entry < genome.Length; entry++)
        {
            // With a decaying σ, entry g is generation g's (see the remarks); a fixed σ ignores the index.
            if (genome[entry] != Carried)
            {
                CandidateEvaluator.Perturb(parameters, _noise.Slice(genome[entry], Dimension), _power.At(entry), parameters);
            }
        }

        return parameters;
    }
}
