using Es.Actors.Cluster;

namespace Es.Actors.Tests.Cluster;

public sealed class DowningDecisionTests
{
    [Fact]
    public void Decide_SeedLosesItsOnlyWorker_SeedSideStays() =>
        Assert.Equal(DowningVerdict.DownUnreachable, DowningDecision.Decide(1, 1, 0, 1, oldestCoordinatorReachable: true));

    [Fact]
    public void Decide_SeedLosesEveryWorkerAtOnce_SeedSideStays() =>
        Assert.Equal(DowningVerdict.DownUnreachable, DowningDecision.Decide(1, 1, 0, 5, oldestCoordinatorReachable: true));

    [Fact]
    public void Decide_WorkerCutOffFromEverySeed_WorkerGivesWay() =>
        Assert.Equal(DowningVerdict.DownSelf, DowningDecision.Decide(0, 1, 1, 2, oldestCoordinatorReachable: false));

    [Fact]
    public void Decide_ActiveSeedDiesWithStandbyAndAWorker_StandbySideStays() =>
        Assert.Equal(DowningVerdict.DownUnreachable, DowningDecision.Decide(1, 2, 1, 1, oldestCoordinatorReachable: false));

    [Fact]
    public void Decide_ActiveSeedCutOffAloneFromStandbyAndWorkers_ActiveGivesWay() =>
        Assert.Equal(DowningVerdict.DownSelf, DowningDecision.Decide(1, 1, 1, 3, oldestCoordinatorReachable: true));

    [Fact]
    public void Decide_TwoSeedsOnlyEvenSplit_OldestSeedSideStays()
    {
        Assert.Equal(DowningVerdict.DownUnreachable, DowningDecision.Decide(1, 1, 1, 1, oldestCoordinatorReachable: true));
        Assert.Equal(DowningVerdict.DownSelf, DowningDecision.Decide(1, 1, 1, 1, oldestCoordinatorReachable: false));
    }

    [Fact]
    public void Decide_MoreSeedsOnThisSide_Stays() =>
        Assert.Equal(DowningVerdict.DownUnreachable, DowningDecision.Decide(2, 2, 1, 4, oldestCoordinatorReachable: false));

    [Fact]
    public void Decide_NothingUnreachable_Nothing() =>
        Assert.Equal(DowningVerdict.None, DowningDecision.Decide(1, 3, 0, 0, oldestCoordinatorReachable: true));
}
