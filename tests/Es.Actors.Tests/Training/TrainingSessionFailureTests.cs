using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Rollouts;

namespace Es.Actors.Tests.Training;

/// <summary>Failed candidates (NaN, infinite, given up on) are dropped with their antithetic partners.</summary>
public sealed class TrainingSessionFailureTests
{
    /// <summary>Scores one generation, replacing the returns of the named candidates, and returns θ after the update.</summary>
    private static (float[] Theta, GenerationReport Report) OneGeneration(TrainingConfig config, params (int Index, double Value)[] broken)
    {
        var session = new TrainingSession(config, TrainingConfigs.Noise, ProblemFactory.Create(config));
        var evaluator = new CandidateEvaluator(ProblemFactory.Create(config), TrainingConfigs.Noise, config.Seed, config.Strategy.EpisodesPerCandidate);
        var settings = new EvaluatorSettings(config.Seed, 0);
        var plan = session.BeginRound();
        foreach (var task in plan.Tasks)
        {
            var result = EvaluatorActor.Score(evaluator, task, plan.View, settings);
            foreach (var (index, value) in broken)
            {
                if (task.Kind == TaskKind.Candidates && index >= task.First && index < task.First + task.Count)
                {
                    result.Returns[index - task.First] = value;
                }
            }

            session.Record(result);
        }

        var report = session.CompleteRound();
        return (session.Theta.ToArray(), report);
    }

    private static TrainingConfig Config(double maxFailedFraction = 0.25) =>
        TrainingConfigs.Quadratic(generations: 5) with { Supervision = new SupervisionOptions { MaxFailedFraction = maxFailedFraction } };

    [Fact]
    public void CompleteRound_EitherMemberOfAPairFails_TheWholePairIsDropped()
    {
        var (first, report) = OneGeneration(Config(), (4, double.NaN));
        var (second, _) = OneGeneration(Config(), (5, double.PositiveInfinity));
        var (clean, cleanReport) = OneGeneration(Config());

        Assert.Equal(first, second);
        Assert.NotEqual(clean, first);
        Assert.Equal(1, report.CandidatesFailed);
        Assert.Equal(0, cleanReport.CandidatesFailed);
        Assert.True(double.IsFinite(report.RewardMean));
    }

    [Fact]
    public void CompleteRound_BothMembersFail_CountedAsTwoFailures()
    {
        var (_, report) = OneGeneration(Config(), (4, double.NaN), (5, double.NaN));
        Assert.Equal(2, report.CandidatesFailed);
    }

    [Fact]
    public void CompleteRound_MoreFailuresThanAllowed_StopsWithTheGenerationAndTheKey()
    {
        // 20 candidates, at most 10% = 2 may fail; 3 do.
        var error = Assert.Throws<GenerationFailedException>(() => OneGeneration(Config(0.1), (0, double.NaN), (7, double.NaN), (13, double.NegativeInfinity)));
        Assert.Contains("generation 0: 3 of 20 candidates failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("supervision.max_failed_fraction", error.Message, StringComparison.Ordinal);
        Assert.Contains("g0/c7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_GivenUpTask_ItsCandidatesCountAsFailed()
    {
        var config = Config(0.5);
        var session = new TrainingSession(config, TrainingConfigs.Noise, ProblemFactory.Create(config));
        var evaluator = new CandidateEvaluator(ProblemFactory.Create(config), TrainingConfigs.Noise, config.Seed, 1);
        var plan = session.BeginRound();
        foreach (var task in plan.Tasks)
        {
            session.Record(task.First == 0 && task.Kind == TaskKind.Candidates
                ? TaskResult.Failed(task, "given up")
                : EvaluatorActor.Score(evaluator, task, plan.View, new EvaluatorSettings(config.Seed, 0)));
        }

        var report = session.CompleteRound();
        Assert.Equal(config.Tasks.CandidatesPerTask, report.CandidatesFailed);
        Assert.Equal(config.Tasks.CandidatesPerTask, session.Outcome().CandidatesFailed);
    }
}
