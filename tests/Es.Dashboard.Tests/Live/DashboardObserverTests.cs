using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Dashboard.Live;
using Es.Dashboard.Nodes;
using Es.Seed.Dashboard;

namespace Es.Dashboard.Tests.Live;

public sealed class DashboardObserverTests
{
    private static GenerationReport Report(int generation) => new(generation, true, 10.5, 20, double.NaN, null, 64, 900, 1.0, 100);

    [Fact]
    public void OnRoundCompleted_ConvertsTheReport_NonFiniteRewardsBecomeNull()
    {
        using var live = new LiveRun(new NodeBoard());
        live.Start(new Model.RunInfo("r", "CartPole-v1", "openai-es", "1", 10, 475, "running", 0, null), "{}");
        new DashboardObserver(live, new RunCheckpoints(), _ => { }).OnRoundCompleted(Report(4));
        var point = Assert.Single(live.Find("r")!.Points);
        Assert.Equal(4, point.Generation);
        Assert.Equal(10.5, point.RewardMean);
        Assert.Null(point.RewardMin);
        Assert.Equal(900, point.EnvSteps);
    }

    [Fact]
    public void OnRoundCompleted_DashboardFails_WarnsOnceAndTrainingGoesOn()
    {
        using var live = new LiveRun(new NodeBoard());
        var warnings = new List<string>();
        var observer = new DashboardObserver(live, null!, warnings.Add); // no clock: every round's update throws
        observer.OnRoundCompleted(Report(0));
        observer.OnRoundCompleted(Report(1));
        Assert.StartsWith("warning: the dashboard stopped following the run:", Assert.Single(warnings), StringComparison.Ordinal);
    }
}
