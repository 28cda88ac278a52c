using Es.Core.Configuration;
using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Core.Rollouts;

/// <summary>
/// Decides which candidate evaluations the chaos settings break. The draw is a pure
/// function of the run seed and the candidate's name (stream 4, after the streams of
/// <see cref="CandidateSeeds"/>), so every node agrees, whatever evaluator runs it; and only
/// a first attempt is ever broken, so the retry scores the candidate exactly as a run
/// without chaos would, and θ is the same.
/// </summary>
public sealed class ChaosSchedule
{
    private const long ChaosStream = 4;
    private readonly ulong _runSeed;
    private readonly double _crashRate;
    private readonly double _hangRate;

    /// <summary>Creates the schedule of a run.</summary>
    public ChaosSchedule(ulong runSeed, ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runSeed = runSeed;
        _crashRate = options.EvaluatorCrashRate;
        _hangRate = options.EvaluatorHangRate;
    }

    /// <summary>No faults at all.</summary>
    public static ChaosSchedule None { get; } = new(0, new ChaosOptions());

    /// <summary>True when some evaluations may be broken.</summary>
    public bool Enabled => _crashRate > 0 || _hangRate > 0;

    /// <summary>The fault for attempt <paramref name="attempt"/> (1-based) at <paramref name="candidate"/>.</summary>
    public ChaosFault For(CandidateName candidate, int attempt)
    {
        if (attempt != 1 || !Enabled)
        {
            return ChaosFault.None;
        }

        double u = new DeterministicRandom(SeedMixer.Derive(_runSeed, ChaosStream, candidate.Generation, candidate.Index)).NextDouble();
        return u < _crashRate ? ChaosFault.Crash
            : u < _crashRate + _hangRate ? ChaosFault.Hang
            : ChaosFault.None;
    }
}
