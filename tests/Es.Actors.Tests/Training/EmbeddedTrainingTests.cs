using Es.Actors.Hosting;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Normalization;
using Es.Core.Rollouts;

namespace Es.Actors.Tests.Training;

public sealed class EmbeddedTrainingTests
{
    private sealed class NullObserver : IRunObserver
    {
        public List<GenerationReport> Reports { get; } = [];

        public void OnRoundCompleted(GenerationReport report) => Reports.Add(report);

        public void OnFinished(TrainingOutcome outcome)
        {
        }
    }

    /// <summary>Throws on the first attempt at every <paramref name="every"/>-th episode it is asked to run, process-wide.</summary>
    private sealed class FlakyProblem(IProblem inner, FailureSchedule schedule) : IProblem
    {
        public string Name => inner.Name;

        public int ParameterCount => inner.ParameterCount;

        public int ObservationSize => inner.ObservationSize;

        public double SolvedThreshold => inner.SolvedThreshold;

        public void Initialize(Span<float> theta, ulong seed) => inner.Initialize(theta, seed);

        public EpisodeOutcome Run(ReadOnlySpan<float> theta, ulong episodeSeed, ObservationFilter filter, RunningStat? statistics)
        {
            if (schedule.ShouldFail(episodeSeed))
            {
                throw new InvalidOperationException("injected evaluator crash");
            }

            return inner.Run(theta, episodeSeed, filter, statistics);
        }
    }

    private sealed class FailureSchedule(int every)
    {
        private readonly HashSet<ulong> _failed = [];

        public bool ShouldFail(ulong episodeSeed)
        {
            lock (_failed)
            {
                return episodeSeed % (ulong)every == 0 && _failed.Add(episodeSeed);
            }
        }
    }

    private static Task<TrainingResult> TrainAsync(TrainingConfig config, int evaluators, Func<IProblem>? createProblem = null) =>
        EmbeddedTraining.RunAsync(config, TrainingConfigs.Noise, evaluators, new NullObserver(), CancellationToken.None, createProblem: createProblem)
            .WaitAsync(TimeSpan.FromMinutes(2));

    [Fact]
    public async Task RunAsync_OneOrThreeEvaluators_SameTheta()
    {
        var config = TrainingConfigs.CartPole();
        var one = await TrainAsync(config, 1);
        var three = await TrainAsync(config, 3);
        Assert.Equal(one.Outcome.Theta, three.Outcome.Theta);
        Assert.Equal(config.Generations, one.Outcome.GenerationsCompleted);
    }

    [Fact]
    public async Task RunAsync_EvaluatorsCrashMidGeneration_RestartedAndSameTheta()
    {
        var config = TrainingConfigs.CartPole();
        var clean = await TrainAsync(config, 2);
        var schedule = new FailureSchedule(every: 5);
        var flaky = await TrainAsync(config, 2, () => new FlakyProblem(ProblemFactory.Create(config), schedule));

        Assert.Equal(clean.Outcome.Theta, flaky.Outcome.Theta);
        Assert.True(flaky.EvaluatorRestarts > 0);
        Assert.True(flaky.TasksRedelivered > 0);
    }

    [Fact]
    public async Task RunAsync_StopRequested_FinishesTheRoundAndReportsInterrupted()
    {
        var config = TrainingConfigs.Quadratic(generations: 1_000_000);
        using var stop = new CancellationTokenSource();
        var observer = new StoppingObserver(stop, afterRounds: 3);
        var result = await EmbeddedTraining.RunAsync(config, TrainingConfigs.Noise, 2, observer, stop.Token).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(result.Outcome.Interrupted);
        // The round after the third was already out when the stop came (the next generation
        // is scored while the last one is journaled), and the one after it may have been: it
        // is finished, and nothing more starts.
        Assert.InRange(result.Outcome.GenerationsCompleted, 4, 5);
    }

    private sealed class StoppingObserver(CancellationTokenSource stop, int afterRounds) : IRunObserver
    {
        private int _rounds;

        public void OnRoundCompleted(GenerationReport report)
        {
            if (++_rounds == afterRounds)
            {
                stop.Cancel();
            }
        }

        public void OnFinished(TrainingOutcome outcome)
        {
        }
    }
}
