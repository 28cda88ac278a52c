using Es.Actors.Fabric;
using Es.Actors.Training;
using Es.Core.Optimizers;

namespace Es.Actors.Tests.Training;

/// <summary>What a session does with results and snapshots that do not fit it: refuse them, unchanged.</summary>
public sealed class TrainingSessionRobustnessTests
{
    [Fact]
    public void Record_RangeNotPlanned_Ignored()
    {
        var config = TrainingConfigs.Quadratic(); // 20 candidates, 3 per task
        var session = SessionDriver.NewSession(config);
        session.BeginRound();
        Assert.False(session.Record(new TaskResult(new EvaluationTask(0, TaskKind.Candidates, 1, 3), [1, 2, 3], 3, [])));
        Assert.False(session.Record(new TaskResult(new EvaluationTask(0, TaskKind.Candidates, 0, 2), [1, 2], 2, [])));
        Assert.False(session.Record(new TaskResult(new EvaluationTask(0, TaskKind.Candidates, 18, 3), [1, 2, 3], 3, [])));
        Assert.True(session.RoundInProgress);
    }

    [Fact]
    public void Record_ObservationDeltaOutsideTheTask_Ignored()
    {
        var config = TrainingConfigs.CartPole(); // 16 candidates, 3 per task, observations of 4 values
        var session = SessionDriver.NewSession(config);
        session.BeginRound();
        var stray = new ObservationDelta(CandidateIndex: 9, Count: 2, Mean: [0, 0, 0, 0], M2: [0, 0, 0, 0]);
        Assert.False(session.Record(new TaskResult(new EvaluationTask(0, TaskKind.Candidates, 0, 3), [1, 2, 3], 3, [stray])));
        var misshapen = stray with { CandidateIndex = 1, Mean = [0] };
        Assert.False(session.Record(new TaskResult(new EvaluationTask(0, TaskKind.Candidates, 0, 3), [1, 2, 3], 3, [misshapen])));
        Assert.True(session.RoundInProgress);
    }

    [Fact]
    public void Restore_OptimizerOfAnotherKind_RefusedAndNothingChanged()
    {
        var config = TrainingConfigs.CartPole();
        var trained = SessionDriver.NewSession(config);
        SessionDriver.Run(trained, config, maxRounds: 2);
        var snapshot = trained.Export() with { Optimizer = new OptimizerState(SgdMomentum.StateName, 2, [new float[trained.Theta.Length]]) };

        var fresh = SessionDriver.NewSession(config);
        var before = fresh.Theta.ToArray();
        Assert.Throws<InvalidDataException>(() => fresh.Restore(snapshot));
        Assert.Equal(before, fresh.Theta.ToArray());
        Assert.Equal(0, fresh.Generation);
    }
}
