using Es.Actors.Kernel;
using Es.TestKit;

namespace Es.Actors.Tests.Kernel;

public sealed class SupervisionTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private readonly TestProbe _probe = new();
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = new ActorSystem("test", _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private async Task<ActorRef> SuperviseAsync(SupervisorStrategy strategy, params string[] children)
    {
        var supervisor = _system.ActorOf(Props.Create(() => new SupervisorActor(_probe, strategy, children)), "supervisor");
        foreach (var _ in children)
        {
            await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "started");
        }

        return supervisor;
    }

    private async Task<int> CountAsync(ActorRef supervisor, string child)
    {
        supervisor.Tell(new ToChild(child, "get"), _probe);
        return await _probe.FishForMessageAsync<int>(_ => true);
    }

    [Fact]
    public async Task Restart_FailingChild_FreshInstanceWithCleanState()
    {
        var supervisor = await SuperviseAsync(new OneForOneStrategy(_ => Directive.Restart), "a");
        supervisor.Tell(new ToChild("a", "inc"));
        supervisor.Tell(new ToChild("a", "inc"));
        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException("boom"))));

        var failed = await _probe.ExpectMsgAsync<ChildFailed>();
        Assert.Equal(Directive.Restart, failed.Directive);
        Assert.Equal("boom", failed.Reason.Message);
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "restarted");
        Assert.Equal(0, await CountAsync(supervisor, "a"));
    }

    [Fact]
    public async Task Resume_FailingChild_KeepsState()
    {
        var supervisor = await SuperviseAsync(new OneForOneStrategy(_ => Directive.Resume), "a");
        supervisor.Tell(new ToChild("a", "inc"));
        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
        supervisor.Tell(new ToChild("a", "inc"));

        Assert.Equal(Directive.Resume, (await _probe.ExpectMsgAsync<ChildFailed>()).Directive);
        Assert.Equal(2, await CountAsync(supervisor, "a"));
    }

    [Fact]
    public async Task Decider_MapsExceptionTypes_ToDirectives()
    {
        var strategy = new OneForOneStrategy(e => e is ArgumentException ? Directive.Resume : Directive.Stop);
        var supervisor = await SuperviseAsync(strategy, "a");
        supervisor.Tell(new ToChild("a", new Crash(new ArgumentException())));
        Assert.Equal(Directive.Resume, (await _probe.ExpectMsgAsync<ChildFailed>()).Directive);
        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
        Assert.Equal(Directive.Stop, (await _probe.ExpectMsgAsync<ChildFailed>()).Directive);
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
        Assert.EndsWith("/a", (await _probe.ExpectMsgAsync<Terminated>()).Actor.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartBudget_Exhausted_ChildStopsAndSiblingsCarryOn()
    {
        var strategy = new OneForOneStrategy(_ => Directive.Restart, maxRestarts: 2, window: TimeSpan.FromMinutes(1));
        var supervisor = await SuperviseAsync(strategy, "a", "b");
        for (int i = 0; i < 2; i++)
        {
            supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
            Assert.Equal(Directive.Restart, (await _probe.ExpectMsgAsync<ChildFailed>()).Directive);
            await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
            await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "restarted");
        }

        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
        Assert.Equal(Directive.Stop, (await _probe.ExpectMsgAsync<ChildFailed>()).Directive);
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Actor == "a" && l.Event == "stopped");
        Assert.EndsWith("/a", (await _probe.ExpectMsgAsync<Terminated>()).Actor.Path, StringComparison.Ordinal);

        supervisor.Tell(new ToChild("b", "inc"));
        Assert.Equal(1, await CountAsync(supervisor, "b"));
    }

    [Fact]
    public async Task RestartBudget_ResetsOnProgress_ADiscardedMessageIsNoProgress()
    {
        var strategy = new OneForOneStrategy(_ => Directive.Restart, maxRestarts: 1, window: TimeSpan.Zero, budgetResetsOnProgress: true);
        var supervisor = await SuperviseAsync(strategy, "worked", "discarded");
        foreach (var (child, between) in new[] { ("worked", "inc"), ("discarded", "stale") })
        {
            supervisor.Tell(new ToChild(child, new Crash(new InvalidOperationException())));
            Assert.Equal(Directive.Restart, (await _probe.FishForMessageAsync<ChildFailed>(_ => true)).Directive);
            await _probe.FishForMessageAsync<Lifecycle>(l => l.Actor == child && l.Event == "restarted");
            supervisor.Tell(new ToChild(child, between));
            supervisor.Tell(new ToChild(child, new Crash(new InvalidOperationException())));
            var second = await _probe.FishForMessageAsync<ChildFailed>(_ => true);
            Assert.Equal(child == "worked" ? Directive.Restart : Directive.Stop, second.Directive);
        }
    }

    [Fact]
    public async Task RestartBudget_WindowPassed_CountsAgain()
    {
        var strategy = new OneForOneStrategy(_ => Directive.Restart, maxRestarts: 1, window: TimeSpan.FromSeconds(10));
        var supervisor = await SuperviseAsync(strategy, "a");
        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
        Assert.Equal(Directive.Restart, (await _probe.ExpectMsgAsync<ChildFailed>()).Directive);
        await _probe.FishForMessageAsync<Lifecycle>(l => l.Event == "restarted");

        _clock.Advance(TimeSpan.FromSeconds(11));
        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
        Assert.Equal(Directive.Restart, (await _probe.ExpectMsgAsync<ChildFailed>()).Directive);
    }

    [Fact]
    public async Task AllForOne_OneChildFails_SiblingsRestartToo()
    {
        var supervisor = await SuperviseAsync(new AllForOneStrategy(_ => Directive.Restart), "a", "b");
        supervisor.Tell(new ToChild("b", "inc"));
        Assert.Equal(1, await CountAsync(supervisor, "b")); // b's state exists before a fails
        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));

        await _probe.ExpectMsgAsync<ChildFailed>();
        var restarted = new HashSet<string>();
        while (restarted.Count < 2)
        {
            restarted.Add((await _probe.FishForMessageAsync<Lifecycle>(l => l.Event == "restarted")).Actor);
        }

        Assert.Equal(0, await CountAsync(supervisor, "b"));
    }

    [Fact]
    public async Task Escalate_ReachesTheSupervisorsParent()
    {
        var grandparent = _system.ActorOf(Props.Create(() => new GrandparentActor(_probe)), "grandparent");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "started");
        grandparent.Tell(new ToChild("c", new Crash(new InvalidOperationException("deep"))));

        var atParent = await _probe.ExpectMsgAsync<ChildFailed>();
        Assert.Equal(Directive.Escalate, atParent.Directive);
        var atGrandparent = await _probe.ExpectMsgAsync<ChildFailed>();
        Assert.EndsWith("/grandparent/parent", atGrandparent.Child, StringComparison.Ordinal);
        var escalated = Assert.IsType<EscalatedException>(atGrandparent.Reason);
        Assert.Equal("deep", escalated.InnerException!.Message);
    }

    [Fact]
    public async Task Backoff_RestartWaitsForTheClock()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), RandomFactor: 0);
        var supervisor = await SuperviseAsync(new OneForOneStrategy(_ => Directive.Restart, backoff: backoff), "a");
        supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
        await _probe.ExpectMsgAsync<ChildFailed>();

        var due = await _clock.TimerCreatedAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), due);
        _probe.ExpectNoMsg(); // the restart can only come from that timer
        _clock.Advance(due);
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "restarted");
    }

    [Fact]
    public void RestartBackoff_Delay_DoublesUpToTheCapWithBoundedJitter()
    {
        var backoff = new RestartBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), RandomFactor: 0.5);
        var d1 = backoff.Delay(1, 7);
        var d3 = backoff.Delay(3, 7);
        var d9 = backoff.Delay(9, 7);
        Assert.InRange(d1.TotalMilliseconds, 100, 150);
        Assert.InRange(d3.TotalMilliseconds, 400, 600);
        Assert.InRange(d9.TotalMilliseconds, 1000, 1500);
        Assert.Equal(d3, backoff.Delay(3, 7));
    }

    [Fact]
    public async Task TopLevelFailure_IsReportedAndTheActorStopped()
    {
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        _system.TopLevelFailure += (_, e) => reported.TrySetResult(e);
        var counter = _system.ActorOf(Props.Create(() => new CounterActor(_probe, "top")), "top");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "started");
        counter.Tell(new Crash(new InvalidOperationException("top failed")));

        Assert.Equal("top failed", (await reported.Task.WaitAsync(TestProbe.DefaultTimeout)).Message);
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
        await _system.WhenStopped(counter).WaitAsync(TestProbe.DefaultTimeout);
    }
}
