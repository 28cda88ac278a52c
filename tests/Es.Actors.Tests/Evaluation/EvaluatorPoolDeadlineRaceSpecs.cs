using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Actors.Supervision;
using Es.TestKit;
using static Es.Actors.Tests.Evaluation.EvaluatorSpecSetup;

namespace Es.Actors.Tests.Evaluation;

/// <summary>
/// A race at a task deadline, replayed step by step: the pool's evaluator is a scripted
/// stand-in whose every move the test makes, and the one move that must fall inside the
/// pool's deadline handling is made from a synchronous hook on the pool's own log line.
/// </summary>
public sealed class EvaluatorPoolDeadlineRaceSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TestTimeouts.Default;

    public EvaluatorPoolDeadlineRaceSpecs()
        : base(ConfigurationFactory.ParseString(SimulatedScheduler.Hocon).WithFallback(SystemConfig))
    {
    }

    private SimulatedScheduler Clock => (SimulatedScheduler)Sys.Scheduler;

    /// <summary>
    /// The evaluator answers its running task and starts the waiting one while the pool gives up
    /// on it: the answered task's answer then reads as stale, so its lease must go back, not be lost.
    /// </summary>
    [Fact]
    public void Deadline_EvaluatorAnswersAndStartsTheNextAsThePoolGivesUp_BothTasksAnswered()
    {
        var evaluations = CreateTestProbe("evaluations");
        var fabric = new InMemoryFabric();
        var coordinator = CreateTestProbe("coordinator");
        fabric.AttachCoordinator(coordinator.Ref);
        int instances = 0;
        var pool = Sys.ActorOf(EvaluatorPoolActor.Props(
            fabric, 1, (_, _) => ScriptedEvaluator.Props(evaluations, answers: instances++ > 0), RestartPolicy.Unlimited, new PoolStatistics(),
            new PoolSettings { TaskDeadline = TimeSpan.FromSeconds(5) }), "pool");
        var (first, second) = (Generation.Tasks[0], Generation.Tasks[1]);
        fabric.Publish(Generation.View, [first, second]);
        var running = evaluations.ExpectMsg<Received>(Wait);
        var waiting = evaluations.ExpectMsg<Received>(Wait); // behind it in the evaluator's mailbox
        Assert.Equal([first, second], new[] { running.Evaluate.Task, waiting.Evaluate.Task });
        Assert.True(running.Evaluate.Ticket!.TryStart(Clock.Now));

        // The pool has checked that the waiting task has not started and logs that it gives up
        // on the evaluator: just then the evaluator answers the running task and starts the
        // waiting one (it runs on a thread of its own, so it may at any moment).
        bool startedAsItGaveUp = false;
        var hook = new LogHook(Sys, e =>
        {
            if (e.Message?.ToString()?.Contains("failed (TaskDeadlineExceededException", StringComparison.Ordinal) == true)
            {
                pool.Tell(new Evaluated(Answer(first), running.Evaluate.Dispatch), running.Evaluator);
                startedAsItGaveUp = waiting.Evaluate.Ticket!.TryStart(Clock.Now);
            }
        });
        Sys.EventStream.Subscribe(hook, typeof(Info));
        Clock.Advance(TimeSpan.FromSeconds(5));

        // The started task fails with the instance given up on, and its replacement (which
        // answers whatever it is handed) scores it again. The first was answered before the
        // pool gave up: its answer must count, or the task be handed out again; never be lost.
        var answered = new[] { coordinator.ExpectMsg<TaskResult>(Wait), coordinator.ExpectMsg<TaskResult>(Wait) };
        Assert.True(startedAsItGaveUp); // the race was replayed as meant
        Assert.Equal([first, second], answered.Select(r => r.Task).OrderBy(t => t.First));
    }

    private static TaskResult Answer(EvaluationTask task) => new(task, new double[task.Count], task.Count, []);

    /// <summary>What a scripted evaluator was handed.</summary>
    private sealed record Received(IActorRef Evaluator, Evaluate Evaluate);

    /// <summary>Says it is ready, as an evaluator does; then answers what it is handed at once, or only reports it (the test answers for it).</summary>
    private sealed class ScriptedEvaluator : ReceiveActor
    {
        public ScriptedEvaluator(IActorRef monitor, bool answers) => Receive<Evaluate>(evaluate =>
        {
            if (answers)
            {
                Sender.Tell(new Evaluated(Answer(evaluate.Task), evaluate.Dispatch));
            }
            else
            {
                monitor.Tell(new Received(Self, evaluate));
            }
        });

        public static Props Props(IActorRef monitor, bool answers) => Akka.Actor.Props.Create(() => new ScriptedEvaluator(monitor, answers));

        protected override void PreStart() => Context.Parent.Tell(new EvaluatorReady());
    }

    /// <summary>
    /// An event-stream subscriber that is not an actor: it sees each event on the thread that
    /// publishes it, inside the publisher's turn, which no actor subscriber can.
    /// </summary>
    private sealed class LogHook(ActorSystem system, Action<LogEvent> onEvent) : MinimalActorRef
    {
        public override ActorPath Path { get; } = new RootActorPath(((ExtendedActorSystem)system).Provider.DefaultAddress) / "temp" / "log-hook";

        public override IActorRefProvider Provider { get; } = ((ExtendedActorSystem)system).Provider;

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (message is LogEvent e)
            {
                onEvent(e);
            }
        }
    }
}
