using Es.Actors.Fabric;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Rollouts;

namespace Es.Actors.Tests.Training;

public sealed class TrainingSessionTests
{
    private static (TrainingSession Session, List<GenerationReport> Reports) Run(TrainingConfig config, ulong order, bool duplicate = false)
    {
        var session = SessionDriver.NewSession(config);
        return (session, SessionDriver.Run(session, config, order, duplicate));
    }

    [Fact]
    public void Record_ResultsInAnyOrder_SameTheta()
    {
        var config = TrainingConfigs.CartPole();
        var first = Run(config, order: 1).Session.Theta.ToArray();
        var second = Run(config, order: 99).Session.Theta.ToArray();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Record_DuplicateResults_IgnoredAndThetaUnchanged()
    {
        var config = TrainingConfigs.CartPole();
        Assert.Equal(Run(config, 1).Session.Theta.ToArray(), Run(config, 1, duplicate: true).Session.Theta.ToArray());
    }

    [Fact]
    public void Record_StaleGeneration_Ignored()
    {
        var config = TrainingConfigs.Quadratic();
        var session = new TrainingSession(config, TrainingConfigs.Noise, ProblemFactory.Create(config));
        session.BeginRound();
        var stale = new TaskResult(new EvaluationTask(5, TaskKind.Candidates, 0, 3), [1, 2, 3], 3, []);
        Assert.False(session.Record(stale));
        Assert.True(session.RoundInProgress);
    }

    [Fact]
    public void CompleteRound_GenerationLimit_FinalRoundOnlyEvaluates()
    {
        var config = TrainingConfigs.Quadratic(generations: 3);
        var (session, reports) = Run(config, 3);
        Assert.Equal(4, reports.Count);
        Assert.True(reports[..3].All(r => r.Updated));
        Assert.False(reports[3].Updated);
        Assert.NotNull(reports[3].EvalReturn);
        Assert.Equal(3, session.Generation);
        Assert.Equal(3 * config.Strategy.Population, session.Evaluations);
    }

    [Fact]
    public void CompleteRound_Quadratic_ApproachesTheTarget()
    {
        var config = TrainingConfigs.Quadratic(generations: 200);
        var (session, reports) = Run(config, 5);
        Assert.True(reports[^1].EvalReturn > -1e-2, $"final return {reports[^1].EvalReturn}");
        Assert.True(session.FinalEvalReturn > reports.First(r => r.EvalReturn is not null).EvalReturn);
    }

    [Fact]
    public void CompleteRound_SolvedAndStopWhenSolved_KeepsTheEvaluatedTheta()
    {
        var config = TrainingConfigs.Quadratic(generations: 500) with
        {
            Evaluation = new EvaluationOptions { Every = 1, Episodes = 1, StopWhenSolved = true },
        };
        var (session, reports) = Run(config, 5);
        Assert.True(session.SolvedGeneration is not null);
        Assert.Equal(session.SolvedGeneration, session.Generation);
        Assert.False(reports[^1].Updated);
        Assert.True(reports[^1].EvalReturn >= -1e-3);
        Assert.True(session.Outcome().Solved);
    }

    [Fact]
    public void CompleteRound_ObservationNormalisation_StatisticsGrow()
    {
        var (_, reports) = Run(TrainingConfigs.CartPole(), 2);
        Assert.True(reports[^1].ObservationCount > reports[0].ObservationCount);
    }
}
