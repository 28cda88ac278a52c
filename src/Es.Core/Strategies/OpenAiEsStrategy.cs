using Es.Core.Noise;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// OpenAI-ES (<see cref="OpenAiEs"/>) behind ask/tell: mirrored candidates θ ± σε, the
/// update over the surviving pairs (a failed candidate drops its partner), stepped by the
/// session's optimizer. Its own state is empty: θ and the optimizer are the session's.
/// </summary>
public sealed class OpenAiEsStrategy : IEvolutionStrategy
{
    /// <summary>The configuration name.</summary>
    public const string StrategyName = "openai-es";

    private readonly OpenAiEs _update;
    private readonly IOptimizer _optimizer;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly SurvivingPairs _survivors;

    /// <summary>Creates the strategy.</summary>
    public OpenAiEsStrategy(OpenAiEs update, IOptimizer optimizer, NoiseTable noise, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(noise);
        _update = update;
        _optimizer = optimizer;
        _noise = noise;
        _runSeed = runSeed;
        _survivors = new SurvivingPairs(update.Population);
    }

    /// <inheritdoc/>
    public string Name => StrategyName;

    /// <inheritdoc/>
    public int Dimension => _update.Dimension;

    /// <inheritdoc/>
    public int Population => _update.Population;

    /// <inheritdoc/>
    public bool Paired => true;

    /// <inheritdoc/>
    public CandidateRecipe Ask(int generation, float[] theta) => new MirroredRecipe(theta, (float)_update.Sigma, _noise, _runSeed);

    /// <inheritdoc/>
    public void Tell(int generation, ReadOnlySpan<double> rewards, Span<float> theta)
    {
        int pairs = _survivors.Compact(rewards, generation, _noise, _runSeed, Dimension);
        _update.Update(theta, _optimizer, _survivors.Rewards(pairs), _survivors.Offsets(pairs));
    }

    /// <inheritdoc/>
    public StrategyState Export() => StrategyState.Empty(Name);

    /// <inheritdoc/>
    public void Import(StrategyState state, ReadOnlySpan<float> theta)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(Name, [], 0);
    }
}
