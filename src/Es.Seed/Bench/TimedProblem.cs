using System.Diagnostics;
using Es.Core.Normalization;
using Es.Core.Rollouts;

namespace Es.Seed.Bench;

/// <summary>
/// A problem that adds the time of every episode it runs to a shared counter, so a
/// benchmark can tell evaluation from everything else inside the same run.
/// </summary>
internal sealed class TimedProblem(IProblem inner, TimedProblem.Counter counter) : IProblem
{
    public string Name => inner.Name;

    public int ParameterCount => inner.ParameterCount;

    public int ObservationSize => inner.ObservationSize;

    public double SolvedThreshold => inner.SolvedThreshold;

    public void Initialize(Span<float> theta, ulong seed) => inner.Initialize(theta, seed);

    public EpisodeOutcome Run(ReadOnlySpan<float> theta, ulong episodeSeed, ObservationFilter filter, RunningStat? statistics)
    {
        long start = Stopwatch.GetTimestamp();
        var outcome = inner.Run(theta, episodeSeed, filter, statistics);
        counter.Add(Stopwatch.GetTimestamp() - start);
        return outcome;
    }

    /// <summary>Episode time summed over every evaluator (one atomic add per episode is noise next to the episode itself).</summary>
    internal sealed class Counter
    {
        private long _ticks;

        public double Seconds => Interlocked.Read(ref _ticks) / (double)Stopwatch.Frequency;

        public void Add(long ticks) => Interlocked.Add(ref _ticks, ticks);
    }
}
