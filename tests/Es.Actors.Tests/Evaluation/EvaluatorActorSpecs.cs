using Akka.Actor;
using Akka.TestKit;
using Es.Actors.Evaluation;
using Es.Core.Configuration;
using Es.Core.Rollouts;
using Es.TestKit;
using static Es.Actors.Tests.Evaluation.EvaluatorSpecSetup;

namespace Es.Actors.Tests.Evaluation;

/// <summary>
/// Akka.TestKit specs of one <see cref="EvaluatorActor"/>. A <see cref="TestProbe"/> stands in
/// for the pool: it spawns the evaluator as its child (<c>ChildActorOf</c>), so it receives
/// what the evaluator tells its parent and supervises it, and it sends the work.
/// </summary>
public sealed class EvaluatorActorSpecs : Akka.TestKit.Xunit2.TestKit
{
    // Real time bounds every wait; the evaluator runs on a thread of its own and the machine is shared.
    private static readonly TimeSpan Wait = TestTimeouts.Default;

    public EvaluatorActorSpecs()
        : base(SystemConfig)
    {
    }

    [Fact]
    public void PreStart_SpawnedUnderAProbe_TellsItsParentItIsReady()
    {
        var parent = CreateTestProbe("parent");

        var evaluator = parent.ChildActorOf(EvaluatorActor.Props(() => NewEvaluator(), RunSettings));

        parent.ExpectMsg<EvaluatorReady>(Wait);
        // The pool knows which evaluator is up from the sender: it must be the evaluator itself.
        Assert.Equal(evaluator, parent.LastSender);
    }

    [Fact]
    public void Evaluate_EveryTaskOfAGeneration_AnsweredInOrderWithTheScoresScoreComputesDirectly()
    {
        var (parent, evaluator) = SpawnReady(RunSettings);

        // The whole generation: some candidates of an untrained CartPole policy fail alike
        // whatever their noise, so a single task could hide an answer computed from the wrong view.
        for (int i = 0; i < Generation.Tasks.Count; i++)
        {
            evaluator.Tell(new Evaluate(Generation.Tasks[i], Generation.View, Dispatch: 100 + i), parent.Ref);
        }

        for (int i = 0; i < Generation.Tasks.Count; i++)
        {
            var answer = parent.ExpectMsg<Evaluated>(Wait);
            Assert.Equal(100 + i, answer.Dispatch); // the pool tells a stale answer from a current one by this number
            AssertSameScores(Expected(Generation.Tasks[i]), answer.Result);
        }
    }

    [Fact]
    public void Evaluate_TicketWithdrawnBeforeItStarts_SkippedWithoutAnAnswer()
    {
        var (parent, evaluator) = SpawnReady(RunSettings);
        var withdrawn = new HandOutTicket();
        Assert.True(withdrawn.TryWithdraw()); // the pool took the hand-out back while it waited in the mailbox
        var next = new HandOutTicket();

        evaluator.Tell(new Evaluate(Generation.Tasks[0], Generation.View, Dispatch: 1, Ticket: withdrawn), parent.Ref);
        evaluator.Tell(new Evaluate(Generation.Tasks[1], Generation.View, Dispatch: 2, Ticket: next), parent.Ref);

        // One mailbox, read in order, each answer told within its turn: the first message the
        // parent gets answers dispatch 2, so dispatch 1 was read and skipped, never answered.
        Assert.Equal(2, parent.ExpectMsg<Evaluated>(Wait).Dispatch);
        Assert.Null(withdrawn.StartedAt);
        Assert.NotNull(next.StartedAt); // the evaluator won the race for the one it ran
    }

    [Fact]
    public void Evaluate_ChaosCrash_ItsSupervisorSeesTheExceptionAndTheRestartedEvaluatorIsReadyAgain()
    {
        // Every candidate's first attempt crashes; no later attempt does.
        var chaos = RunSettings with { Chaos = new ChaosSchedule(RunConfig.Seed, new ChaosOptions { EvaluatorCrashRate = 1 }) };
        var failures = CreateTestProbe("failures");
        var supervisor = new OneForOneStrategy(reason =>
        {
            failures.Tell(reason);
            return Directive.Restart;
        });
        var parent = CreateTestProbe("parent");
        var evaluator = parent.ChildActorOf(EvaluatorActor.Props(() => NewEvaluator(), chaos), supervisor);
        parent.ExpectMsg<EvaluatorReady>(Wait);
        var task = Generation.Tasks[0];

        evaluator.Tell(new Evaluate(task, Generation.View, Dispatch: 1, Attempt: 1), parent.Ref);

        failures.ExpectMsg<InjectedFaultException>(Wait);
        parent.ExpectMsg<EvaluatorReady>(Wait); // Akka runs PreStart again on the fresh instance
        Assert.Equal(evaluator, parent.LastSender); // restarted in place: same address, mailbox kept

        // The fresh instance, built with a fresh problem, scores the next attempt as if nothing had failed.
        evaluator.Tell(new Evaluate(task, Generation.View, Dispatch: 2, Attempt: 2), parent.Ref);
        var answer = parent.ExpectMsg<Evaluated>(Wait);
        Assert.Equal(2, answer.Dispatch);
        AssertSameScores(Expected(task), answer.Result);
    }

    /// <summary>An evaluator under a fresh probe, past its ready message.</summary>
    private (TestProbe Parent, IActorRef Evaluator) SpawnReady(EvaluatorSettings settings)
    {
        var parent = CreateTestProbe("parent");
        var evaluator = parent.ChildActorOf(EvaluatorActor.Props(() => NewEvaluator(), settings));
        parent.ExpectMsg<EvaluatorReady>(Wait);
        return (parent, evaluator);
    }
}
