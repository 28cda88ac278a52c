using Es.Core.Randomness;

namespace Es.Actors.Supervision;

/// <summary>
/// Exponential restart backoff with jitter: the n-th consecutive restart waits min·2ⁿ⁻¹
/// capped at max, stretched by up to <see cref="RandomFactor"/>, so a crowd of evaluators
/// that failed together does not restart in lock-step.
/// </summary>
/// <param name="Min">Delay before the first restart.</param>
/// <param name="Max">Cap on the delay.</param>
/// <param name="RandomFactor">Jitter: the delay is multiplied by 1 + U(0, RandomFactor).</param>
public sealed record RestartBackoff(TimeSpan Min, TimeSpan Max, double RandomFactor = 0.2)
{
    /// <summary>The delay before restart number <paramref name="attempt"/> (1-based).</summary>
    /// <param name="attempt">How many consecutive restarts the evaluator has had, this one included.</param>
    /// <param name="jitterSeed">Seed of the jitter draw, so tests see the same delays every run.</param>
    public TimeSpan Delay(int attempt, ulong jitterSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        double ticks = Min.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        ticks = Math.Min(ticks, Max.Ticks);
        var rng = new DeterministicRandom(SeedMixer.Derive(jitterSeed, attempt));
        ticks *= 1 + (RandomFactor * rng.NextDouble());
        return TimeSpan.FromTicks((long)ticks);
    }
}
