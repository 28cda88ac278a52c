using Es.Actors.Kernel;
using Es.TestKit;

namespace Es.Actors.Tests.Kernel;

public sealed class MessagingTests : IAsyncLifetime
{
    private readonly TestProbe _probe = new();
    private readonly ActorSystem _system = new("test");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Tell_ManyMessages_ArriveInOrder()
    {
        var echo = _system.ActorOf(Props.Create(() => new EchoActor()), "echo");
        for (int i = 0; i < 200; i++)
        {
            echo.Tell(i, _probe);
        }

        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(i, await _probe.ExpectMsgAsync<int>());
        }

        Assert.Same(echo, _probe.LastSender);
    }

    [Fact]
    public async Task Ask_Reply_CompletesTheTask()
    {
        var echo = _system.ActorOf(Props.Create(() => new EchoActor()), "echo");
        Assert.Equal("ping", await echo.Ask<string>("ping", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Ask_NoReply_TimesOutOnTheSystemClock()
    {
        var clock = new ManualClock();
        await using var system = new ActorSystem("clocked", clock);
        var silent = system.ActorOf(Props.Create(() => new CounterActor(_probe, "silent")), "silent");
        var asking = silent.Ask<int>("inc", TimeSpan.FromSeconds(5));
        await clock.TimerCreatedAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<TimeoutException>(() => asking);
    }

    [Fact]
    public async Task Stop_Actor_LaterMessagesBecomeDeadLetters()
    {
        var dead = new TaskCompletionSource<DeadLetter>(TaskCreationOptions.RunContinuationsAsynchronously);
        _system.DeadLetterReceived += d => dead.TrySetResult(d);
        var echo = _system.ActorOf(Props.Create(() => new EchoActor()), "echo");
        _system.Stop(echo);
        await _system.WhenStopped(echo).WaitAsync(TestProbe.DefaultTimeout);
        echo.Tell("late", _probe);

        Assert.Equal("late", (await dead.Task.WaitAsync(TestProbe.DefaultTimeout)).Message);
    }

    [Fact]
    public async Task ActorOf_DuplicateName_Throws()
    {
        _system.ActorOf(Props.Create(() => new EchoActor()), "same");
        Assert.Throws<InvalidOperationException>(() => _system.ActorOf(Props.Create(() => new EchoActor()), "same"));
        await Task.CompletedTask;
    }
}
