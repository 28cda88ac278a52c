using Es.Actors.Kernel;
using Es.TestKit;

namespace Es.Actors.Tests.Kernel;

/// <summary>Blocks its thread until its instance is abandoned (or <see cref="Gate"/> opens), like a hung environment.</summary>
internal sealed record Block(TaskCompletionSource? Gate = null);

/// <summary>Asks the supervisor to fail a child from outside.</summary>
internal sealed record FailFromOutside(string Child, Exception Reason);

/// <summary>A <see cref="CounterActor"/> that can also hang on <see cref="Block"/>.</summary>
internal sealed class BlockingActor(ActorRef report, string actorName) : CounterActor(report, actorName)
{
    protected internal override void Receive(object message)
    {
        switch (message)
        {
            case Block { Gate: null }:
                ReportTo.Tell(new Lifecycle(Name, "blocked"));
                // Bounded by real time so a broken kernel fails the test instead of hanging it.
                Context.Abandoned.WaitHandle.WaitOne(TestProbe.DefaultTimeout);
                ReportTo.Tell(new Lifecycle(Name, "released"));
                throw new OperationCanceledException(Context.Abandoned);
            case Block block:
                ReportTo.Tell(new Lifecycle(Name, "blocked"));
                block.Gate.Task.Wait(TestProbe.DefaultTimeout);
                ReportTo.Tell(new Lifecycle(Name, "late"));
                throw new InvalidOperationException("late failure of an abandoned instance");
            default:
                base.Receive(message);
                break;
        }
    }
}

internal sealed class BlockingSupervisor(ActorRef reportTo, SupervisorStrategy strategy, string[] children) : Actor
{
    private readonly Dictionary<string, ActorRef> _children = [];

    protected internal override SupervisorStrategy SupervisorStrategy => strategy;

    protected internal override void PreStart()
    {
        foreach (var name in children)
        {
            _children[name] = Context.ActorOf(Props.Create(() => new BlockingActor(reportTo, name)), name);
        }
    }

    protected internal override void Receive(object message)
    {
        switch (message)
        {
            case ToChild to:
                _children[to.Child].Tell(to.Message, Sender);
                break;
            case FailFromOutside fail:
                Context.FailChild(_children[fail.Child], fail.Reason);
                break;
            case "stop-a":
                Context.Stop(_children["a"]);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected internal override void OnChildFailed(ActorRef child, Exception reason, Directive directive) =>
        reportTo.Tell(new ChildFailed(child.Path, reason, directive));
}

public sealed class FailChildTests : IAsyncLifetime
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

    private async Task<ActorRef> StartAsync(SupervisorStrategy strategy, params string[] children)
    {
        var supervisor = _system.ActorOf(Props.Create(() => new BlockingSupervisor(_probe, strategy, children)), "supervisor");
        foreach (var _ in children)
        {
            await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "started");
        }

        return supervisor;
    }

    [Fact]
    public async Task FailChild_HungChild_ReleasedRestartedAndFailedOnce()
    {
        var supervisor = await StartAsync(new OneForOneStrategy(_ => Directive.Restart), "a");
        supervisor.Tell(new ToChild("a", "inc"));
        supervisor.Tell(new ToChild("a", new Block()));
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "blocked");

        supervisor.Tell(new FailFromOutside("a", new TimeoutException("deadline")));
        var failed = await _probe.ExpectMsgAsync<ChildFailed>();
        Assert.Equal(Directive.Restart, failed.Directive);
        Assert.IsType<TimeoutException>(failed.Reason);
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "released");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "restarted");

        supervisor.Tell(new ToChild("a", "get"), _probe);
        Assert.Equal(0, await _probe.ExpectMsgAsync<int>()); // fresh state, and no second ChildFailed before it
    }

    [Fact]
    public async Task FailChild_LateFailureOfTheAbandonedInstance_Ignored()
    {
        var supervisor = await StartAsync(new OneForOneStrategy(_ => Directive.Restart), "a");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        supervisor.Tell(new ToChild("a", new Block(gate)));
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "blocked");
        supervisor.Tell(new FailFromOutside("a", new TimeoutException()));
        await _probe.ExpectMsgAsync<ChildFailed>();

        gate.SetResult(); // the handler ignored its token and now fails on its own
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "late");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "restarted");
        supervisor.Tell(new ToChild("a", "get"), _probe);
        Assert.Equal(0, await _probe.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task Stop_HungChild_ReleasedAndStopped()
    {
        var supervisor = await StartAsync(new OneForOneStrategy(_ => Directive.Restart), "a");
        supervisor.Tell(new ToChild("a", new Block()));
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "blocked");
        supervisor.Tell("stop-a");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "released");
        await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
    }

    [Fact]
    public async Task Backoff_ChildHandledAMessageBeforeFailing_StartsAgainFromTheShortestDelay()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), RandomFactor: 0);
        var supervisor = await StartAsync(new OneForOneStrategy(_ => Directive.Restart, backoff: backoff), "a");

        async Task<TimeSpan> CrashAndRestartAsync()
        {
            supervisor.Tell(new ToChild("a", new Crash(new InvalidOperationException())));
            await _probe.ExpectMsgAsync<ChildFailed>();
            var due = await _clock.TimerCreatedAsync();
            _clock.Advance(due);
            await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "stopped");
            await _probe.ExpectMsgAsync<Lifecycle>(l => l.Event == "restarted");
            return due;
        }

        Assert.Equal(TimeSpan.FromSeconds(1), await CrashAndRestartAsync());
        Assert.Equal(TimeSpan.FromSeconds(2), await CrashAndRestartAsync());
        supervisor.Tell(new ToChild("a", "inc"));
        Assert.Equal(TimeSpan.FromSeconds(1), await CrashAndRestartAsync());
    }

    [Fact]
    public async Task FailChild_NotAChild_Throws()
    {
        var context = (IActorContext)await Task.FromResult(_system.ActorOf(Props.Create(() => new EchoActor()), "echo"));
        Assert.Throws<ArgumentException>(() => context.FailChild(new TestProbe(), new InvalidOperationException()));
    }
}
