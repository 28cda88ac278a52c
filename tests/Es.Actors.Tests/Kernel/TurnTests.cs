using System.Runtime.CompilerServices;
using Es.Actors.Kernel;
using Es.TestKit;

namespace Es.Actors.Tests.Kernel;

/// <summary>Where turns run: dedicated threads, the thread pool, and turns run by the sender.</summary>
public sealed class TurnTests : IAsyncLifetime
{
    private const int MessagesPerSender = 5000;
    private readonly TestProbe _probe = new();
    private readonly ActorSystem _system = new("turns");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task DedicatedThread_EveryMessage_HandledOnTheActorsOwnThread()
    {
        var actor = _system.ActorOf(Props.Create(() => new ThreadReporter(_probe)).WithDedicatedThread(), "pinned");
        var started = await _probe.ExpectMsgAsync<Thread>();
        actor.Tell("where", _probe);
        actor.Tell("where", _probe);

        Assert.False(started.IsThreadPoolThread);
        Assert.Equal("/user/pinned", started.Name);
        Assert.Same(started, await _probe.ExpectMsgAsync<Thread>());
        Assert.Same(started, await _probe.ExpectMsgAsync<Thread>());
    }

    [Fact]
    public async Task DedicatedThread_ActorStops_ThreadEnds()
    {
        var actor = _system.ActorOf(Props.Create(() => new ThreadReporter(_probe)).WithDedicatedThread(), "pinned");
        var thread = await _probe.ExpectMsgAsync<Thread>();
        _system.Stop(actor);
        await _system.WhenStopped(actor).WaitAsync(TestProbe.DefaultTimeout);

        Assert.True(thread.Join(TestProbe.DefaultTimeout));
    }

    [Fact]
    public async Task TellFromDedicatedThread_IdleReceiver_HandledOnTheSendersThreadBeforeTellReturns()
    {
        var handledOn = new StrongBox<Thread?>();
        var receiver = (ActorCell)_system.ActorOf(Props.Create(() => new ThreadRecorder(handledOn)), "receiver");
        var sender = _system.ActorOf(Props.Create(() => new ThreadReporter(_probe)).WithDedicatedThread(), "sender");
        var senderThread = await _probe.ExpectMsgAsync<Thread>();
        Assert.True(SpinWait.SpinUntil(() => receiver.IsIdle, TestProbe.DefaultTimeout), "the receiver never went idle after starting");

        sender.Tell(new TellAndReport(receiver, handledOn), _probe);

        Assert.Same(senderThread, await _probe.ExpectMsgAsync<Thread>());
    }

    [Fact]
    public async Task ManySenders_SomeOnDedicatedThreads_TurnsNeverOverlapAndEachSendersOrderHolds()
    {
        var tally = _system.ActorOf(Props.Create(() => new Tally()), "tally");
        var pinned = Enumerable.Range(0, 2)
            .Select(i => _system.ActorOf(Props.Create(() => new ThreadReporter(_probe)).WithDedicatedThread(), $"sender-{i}"))
            .ToArray();
        await _probe.ExpectMsgAsync<Thread>();
        await _probe.ExpectMsgAsync<Thread>();

        for (int i = 0; i < pinned.Length; i++)
        {
            pinned[i].Tell(new SendNumbered(tally, i), _probe);
        }

        await Task.WhenAll(Enumerable.Range(pinned.Length, 2).Select(i => Task.Run(() => SendNumbered.Send(tally, i))));
        await _probe.ExpectMsgAsync<string>(m => m == "sent");
        await _probe.ExpectMsgAsync<string>(m => m == "sent");
        var report = await tally.Ask<TallyReport>("report", TestProbe.DefaultTimeout);

        Assert.Equal(new TallyReport(Received: 4 * MessagesPerSender, Overlaps: 0, OutOfOrder: 0), report);
    }

    private sealed record TellAndReport(ActorRef Receiver, StrongBox<Thread?> HandledOn);

    private sealed record SendNumbered(ActorRef Target, int Sender)
    {
        public static void Send(ActorRef target, int sender)
        {
            for (int seq = 0; seq < MessagesPerSender; seq++)
            {
                target.Tell(new Numbered(sender, seq));
            }
        }
    }

    private sealed record Numbered(int Sender, int Seq);

    private sealed record TallyReport(int Received, int Overlaps, int OutOfOrder);

    /// <summary>Reports its thread from PreStart and on every string; runs <see cref="TellAndReport"/> and <see cref="SendNumbered"/>.</summary>
    private sealed class ThreadReporter(ActorRef probe) : Actor
    {
        protected internal override void PreStart() => probe.Tell(Thread.CurrentThread);

        protected internal override void Receive(object message)
        {
            switch (message)
            {
                case TellAndReport tell:
                    tell.Receiver.Tell("record", Self);
                    probe.Tell(tell.HandledOn.Value ?? (object)"not handled yet");
                    break;
                case SendNumbered send:
                    SendNumbered.Send(send.Target, send.Sender);
                    probe.Tell("sent");
                    break;
                default:
                    probe.Tell(Thread.CurrentThread);
                    break;
            }
        }
    }

    private sealed class ThreadRecorder(StrongBox<Thread?> handledOn) : Actor
    {
        protected internal override void Receive(object message) => handledOn.Value = Thread.CurrentThread;
    }

    /// <summary>Counts numbered messages, turns that overlap and messages out of their sender's order.</summary>
    private sealed class Tally : Actor
    {
        private readonly Dictionary<int, int> _last = [];
        private int _inside;
        private TallyReport _report = new(0, 0, 0);

        protected internal override void Receive(object message)
        {
            bool overlapped = Interlocked.Increment(ref _inside) != 1;
            if (message is Numbered numbered)
            {
                bool inOrder = numbered.Seq == _last.GetValueOrDefault(numbered.Sender, -1) + 1;
                _last[numbered.Sender] = numbered.Seq;
                _report = new TallyReport(_report.Received + 1, _report.Overlaps + (overlapped ? 1 : 0), _report.OutOfOrder + (inOrder ? 0 : 1));
            }
            else
            {
                Sender?.Tell(_report, Self);
            }

            Interlocked.Decrement(ref _inside);
        }
    }
}
