using Es.Core.Configuration;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Core.Tests.Rollouts;

public sealed class ChaosScheduleTests
{
    private static readonly ChaosOptions TenPercentCrashes = new() { EvaluatorCrashRate = 0.1 };

    [Fact]
    public void For_TenPercentCrashRate_AboutOneInTenFirstAttemptsCrash()
    {
        var schedule = new ChaosSchedule(7, TenPercentCrashes);
        int crashes = 0;
        for (int index = 0; index < 10_000; index++)
        {
            crashes += schedule.For(new CandidateName(3, index), attempt: 1) == ChaosFault.Crash ? 1 : 0;
        }

        Assert.InRange(crashes, 900, 1100);
    }

    [Fact]
    public void For_LaterAttempts_NeverFail()
    {
        var schedule = new ChaosSchedule(7, new ChaosOptions { EvaluatorCrashRate = 0.5, EvaluatorHangRate = 0.5 });
        for (int index = 0; index < 100; index++)
        {
            Assert.NotEqual(ChaosFault.None, schedule.For(new CandidateName(0, index), 1));
            Assert.Equal(ChaosFault.None, schedule.For(new CandidateName(0, index), 2));
        }
    }

    [Fact]
    public void For_SameSeedAndName_SameDecisionAnotherSeedDiffers()
    {
        var a = new ChaosSchedule(7, TenPercentCrashes);
        var b = new ChaosSchedule(7, TenPercentCrashes);
        var c = new ChaosSchedule(8, TenPercentCrashes);
        var names = Enumerable.Range(0, 1000).Select(i => new CandidateName(i % 10, i)).ToArray();
        Assert.Equal(names.Select(n => a.For(n, 1)), names.Select(n => b.For(n, 1)));
        Assert.NotEqual(names.Select(n => a.For(n, 1)), names.Select(n => c.For(n, 1)));
    }

    [Fact]
    public void For_CrashAndHangRates_SplitTheDraws()
    {
        var schedule = new ChaosSchedule(1, new ChaosOptions { EvaluatorCrashRate = 0.2, EvaluatorHangRate = 0.3 });
        var faults = Enumerable.Range(0, 10_000).Select(i => schedule.For(new CandidateName(0, i), 1)).ToArray();
        Assert.InRange(faults.Count(f => f == ChaosFault.Crash), 1800, 2200);
        Assert.InRange(faults.Count(f => f == ChaosFault.Hang), 2700, 3300);
        Assert.False(ChaosSchedule.None.Enabled);
    }
}
