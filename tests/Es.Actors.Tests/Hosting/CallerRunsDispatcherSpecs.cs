using Akka.Actor;
using Es.Actors.Hosting;
using Es.TestKit;
using static Es.Actors.Tests.Evaluation.EvaluatorSpecSetup;

namespace Es.Actors.Tests.Hosting;

/// <summary>
/// Akka.TestKit specs of <see cref="CallerRunsDispatcher"/>: a sender on a pinned thread
/// marked with <see cref="CallerRunsDispatcher.RunTurnsOnThisThread"/> (as an evaluator's is)
/// runs the turns its messages start on the coordination dispatcher; anyone else's go to the
/// executor, and the actors' contexts and order are Akka's as ever. The sender creates its
/// receivers itself, after marking its thread, so their start-up runs there too and each is
/// idle (never mid-turn elsewhere) when the sender tells it something.
/// </summary>
public sealed class CallerRunsDispatcherSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TestTimeouts.Default;

    public CallerRunsDispatcherSpecs()
        : base(SystemConfig)
    {
    }

    [Fact]
    public void Tell_FromAMarkedThread_TheReceiversTurnRunsOnThatThreadBeforeTellReturns()
    {
        var sender = Sys.ActorOf(PinnedSender.Props(marked: true, report => ThreadReporter.Props(report), TestActor));

        sender.Tell("go");

        var turn = ExpectMsg<TurnRan>(Wait);
        var told = ExpectMsg<Told>(Wait);
        Assert.Equal(told.Thread, turn.Thread);
        Assert.True(told.ReceiverHadRun, "the receiver's turn ran only after Tell returned");
    }

    [Fact]
    public void Tell_FromAnUnmarkedThread_TheReceiversTurnRunsOnTheExecutor()
    {
        var sender = Sys.ActorOf(PinnedSender.Props(marked: false, report => ThreadReporter.Props(report), TestActor));

        sender.Tell("go");

        var messages = ReceiveN(2, Wait);
        var told = messages.OfType<Told>().Single();
        var turn = messages.OfType<TurnRan>().Single();
        Assert.NotEqual(told.Thread, turn.Thread);
        Assert.False(told.ReceiverHadRun);
    }

    [Fact]
    public void Tell_InlineTurnTellsItsSenderBack_TheSendersContextIsItsOwnAfterwards()
    {
        var sender = Sys.ActorOf(PinnedSender.Props(marked: true, _ => Echo.Props(), TestActor));

        sender.Tell("go");

        var told = ExpectMsg<Told>(Wait);
        Assert.Equal(sender, told.SelfAfterTell); // Akka's current cell was put back after the nested turn
        var echoed = ExpectMsg<Echoed>(Wait);
        Assert.Equal(sender, echoed.By); // and the echo reached the sender's own mailbox, in turn
    }

    [Fact]
    public void Tell_AChainLongerThanTheNestingLimit_EveryLinkRunsAndThoseBeyondTheLimitOnTheExecutor()
    {
        // Each link reports and tells the next, which it created: the first MaxNesting run
        // inline, one inside the other; the rest are queued to the executor.
        int links = CallerRunsDispatcher.MaxNesting + 2;
        var sender = Sys.ActorOf(PinnedSender.Props(marked: true, report => Link.Props(0, links, report), TestActor));

        sender.Tell("go");

        var messages = ReceiveN(links + 1, Wait);
        var told = messages.OfType<Told>().Single();
        var hops = messages.OfType<Hop>().OrderBy(h => h.Index).ToList();
        Assert.Equal(Enumerable.Range(0, links), hops.Select(h => h.Index));
        Assert.All(hops.Take(CallerRunsDispatcher.MaxNesting), h => Assert.Equal(told.Thread, h.Thread));
        Assert.All(hops.Skip(CallerRunsDispatcher.MaxNesting), h => Assert.NotEqual(told.Thread, h.Thread));
    }

    [Fact]
    public void Tell_ManyMessagesFromAMarkedThread_ReceivedInTheOrderSent()
    {
        var sender = Sys.ActorOf(PinnedSender.Props(marked: true, report => Collector.Props(report), TestActor, count: 500));

        sender.Tell("go");

        ExpectMsg<Told>(Wait);
        var numbers = ExpectMsg<int[]>(Wait);
        Assert.Equal(Enumerable.Range(0, 500), numbers);
    }

    private sealed record TurnRan(int Thread);

    private sealed record Told(int Thread, bool ReceiverHadRun, IActorRef SelfAfterTell);

    private sealed record Echoed(IActorRef By);

    private sealed record Hop(int Index, int Thread);

    /// <summary>
    /// On a pinned thread, marked or not, as an evaluator's is: creates its receiver (on the
    /// coordination dispatcher) when it starts; on "go" tells it, then reports.
    /// </summary>
    private sealed class PinnedSender(bool marked, Func<IActorRef, Props> receiver, IActorRef report, int count) : UntypedActor
    {
        private IActorRef _receiver = ActorRefs.Nobody;

        public static Props Props(bool marked, Func<IActorRef, Props> receiver, IActorRef report, int count = 1) =>
            Akka.Actor.Props.Create(() => new PinnedSender(marked, receiver, report, count)).WithDispatcher(ActorHost.EvaluatorDispatcher);

        protected override void PreStart()
        {
            if (marked)
            {
                CallerRunsDispatcher.RunTurnsOnThisThread();
            }

            _receiver = Context.ActorOf(receiver(report).WithDispatcher(ActorHost.CoordinationDispatcher));
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "go" when count == 1:
                    ThreadReporter.Ran = false;
                    _receiver.Tell("turn", Self);
                    report.Tell(new Told(Environment.CurrentManagedThreadId, ThreadReporter.Ran, Context.Self));
                    break;
                case "go":
                    for (int i = 0; i < count; i++)
                    {
                        _receiver.Tell(i, Self);
                    }

                    report.Tell(new Told(Environment.CurrentManagedThreadId, false, Context.Self));
                    _receiver.Tell("done", Self);
                    break;
                case "echo":
                    report.Tell(new Echoed(Self));
                    break;
            }
        }
    }

    /// <summary>Reports the thread its turn ran on.</summary>
    private sealed class ThreadReporter : ReceiveActor
    {
        // Set by the turn on its own thread: the sender sees it set right after its Tell only when the turn ran there.
        [ThreadStatic]
        public static bool Ran;

        public ThreadReporter(IActorRef report) =>
            Receive<string>(_ =>
            {
                Ran = true;
                report.Tell(new TurnRan(Environment.CurrentManagedThreadId));
            });

        public static Props Props(IActorRef report) => Akka.Actor.Props.Create(() => new ThreadReporter(report));
    }

    /// <summary>Tells its sender "echo".</summary>
    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(_ => Sender.Tell("echo"));

        public static Props Props() => Akka.Actor.Props.Create(() => new Echo());
    }

    /// <summary>Link <c>index</c> of <c>links</c>: creates the next when it starts; reports its index and thread (through its context), then tells the next.</summary>
    private sealed class Link : ReceiveActor
    {
        private readonly IActorRef? _next;

        public Link(int index, int links, IActorRef report)
        {
            if (index + 1 < links)
            {
                _next = Context.ActorOf(Props(index + 1, links, report).WithDispatcher(ActorHost.CoordinationDispatcher));
            }

            Receive<string>(m =>
            {
                report.Tell(new Hop(index, Environment.CurrentManagedThreadId), Context.Self);
                _next?.Tell(m, Self);
            });
        }

        public static Props Props(int index, int links, IActorRef report) => Akka.Actor.Props.Create(() => new Link(index, links, report));
    }

    /// <summary>Collects numbers until "done", then reports them.</summary>
    private sealed class Collector : ReceiveActor
    {
        private readonly List<int> _numbers = [];

        public Collector(IActorRef report)
        {
            Receive<int>(_numbers.Add);
            Receive<string>(_ => report.Tell(_numbers.ToArray()));
        }

        public static Props Props(IActorRef report) => Akka.Actor.Props.Create(() => new Collector(report));
    }
}
