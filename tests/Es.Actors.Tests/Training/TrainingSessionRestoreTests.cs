using Es.Actors.Training;

namespace Es.Actors.Tests.Training;

/// <summary>What a session restored from a snapshot still knows about how its run ended.</summary>
public sealed class TrainingSessionRestoreTests
{
    [Fact]
    public void Restore_RunStoppedWhenSolved_StaysFinished()
    {
        var config = TrainingConfigs.Quadratic(generations: 200) with
        {
            Evaluation = TrainingConfigs.Quadratic().Evaluation with { Every = 1, StopWhenSolved = true },
        };
        var live = SessionDriver.NewSession(config);
        SessionDriver.Run(live, config);
        Assert.NotNull(live.SolvedGeneration);
        Assert.True(live.SolvedGeneration < config.Generations, "the quadratic must be solved before the generation limit for this test to mean anything");

        var restored = SessionDriver.NewSession(config);
        restored.Restore(live.Export());

        Assert.True(restored.IsFinished);
        Assert.Throws<InvalidOperationException>(() => restored.BeginRound());
        Assert.Equal(live.Theta.ToArray(), restored.Theta.ToArray());
    }

    [Fact]
    public void Restore_RunStoppedOnRequest_GoesOn()
    {
        var config = TrainingConfigs.Quadratic(generations: 10);
        var live = SessionDriver.NewSession(config);
        SessionDriver.Run(live, config, maxRounds: 3);
        live.RequestStop();
        Assert.True(live.IsFinished);

        var restored = SessionDriver.NewSession(config);
        restored.Restore(live.Export());

        Assert.False(restored.IsFinished);
        Assert.Equal(3, restored.BeginRound().View.Generation);
    }
}
