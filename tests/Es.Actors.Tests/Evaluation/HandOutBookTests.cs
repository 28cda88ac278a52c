using Akka.Actor;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;

namespace Es.Actors.Tests.Evaluation;

/// <summary>The pool's plain bookkeeping, with Akka.TestKit probes standing in for evaluators.</summary>
public sealed class HandOutBookTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly HandOutBook _book = new();
    private readonly IActorRef _first;
    private readonly IActorRef _second;
    private long _dispatch;

    public HandOutBookTests()
    {
        _first = CreateTestProbe("first");
        _second = CreateTestProbe("second");
    }

    [Fact]
    public void FreeSlots_StartingEvaluators_NoRoomUntilTheySayTheyAreReady()
    {
        _book.Add(_first);
        Assert.Equal(0, _book.FreeSlots);
        Assert.False(_book.TryChoose(out _));

        Assert.True(_book.TryMarkUp(_first));
        Assert.False(_book.TryMarkUp(_first)); // a repeated ready changes nothing
        Assert.Equal(2, _book.FreeSlots);
    }

    [Fact]
    public void Hand_TwoToAnEvaluator_TheFirstRunsTheSecondWaitsAndThenNoRoom()
    {
        Up(_first);

        Assert.True(_book.Hand(_first, NewHandOut()));
        Assert.False(_book.Hand(_first, NewHandOut()));

        Assert.Equal(2, _book.Count(_first));
        Assert.Equal(0, _book.FreeSlots);
        Assert.False(_book.TryChoose(out _));
        Assert.Throws<InvalidOperationException>(() => _book.Hand(_first, NewHandOut()));
    }

    [Fact]
    public void TryChoose_OneIdleOneBusy_TheIdleOneFirst()
    {
        Up(_first);
        Up(_second);
        _book.Hand(_first, NewHandOut());

        Assert.True(_book.TryChoose(out var chosen));
        Assert.Equal(_second, chosen);
    }

    [Fact]
    public void Finish_WithOneWaiting_ItRunsNextWithItsClockNotYetArmed()
    {
        Up(_first);
        var running = NewHandOut();
        var waiting = NewHandOut();
        _book.Hand(_first, running);
        _book.Hand(_first, waiting);
        var clock = new DeadlineClock(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(5), new CancellationTokenSource());
        _book.SetClock(_first, clock);

        var (done, doneClock) = _book.Finish(_first);

        Assert.Same(running, done);
        Assert.Same(clock, doneClock);
        Assert.True(_book.TryGetRunning(_first, out var next, out var nextClock));
        Assert.Same(waiting, next);
        Assert.Null(nextClock);
        Assert.Empty(_book.Clocks());
        Assert.Equal(1, _book.FreeSlots);
    }

    [Fact]
    public void TakeBack_WaitingOneNotStarted_TheFirstWasRunningAndTheSecondIsWithdrawn()
    {
        var (running, waiting) = HandTwo();

        var held = _book.TakeBack(_first);

        Assert.Same(running, held.Running);
        Assert.Same(waiting, held.Waiting);
        Assert.False(waiting.Ticket.TryStart(DateTimeOffset.UnixEpoch)); // withdrawn: the evaluator skips it
        Assert.Equal(0, _book.Count(_first));
    }

    [Fact]
    public void TakeBack_WaitingOneStarted_ItWasRunningAndTheAnsweredOneStaysForItsAnswer()
    {
        var (answered, started) = HandTwo();
        Assert.True(started.Ticket.TryStart(DateTimeOffset.UnixEpoch));
        Assert.True(_book.StartedNext(_first));

        var held = _book.TakeBack(_first);

        Assert.Same(started, held.Running);
        Assert.Null(held.Waiting);
        Assert.True(_book.TryGetRunning(_first, out var stays, out var clock));
        Assert.Same(answered, stays);
        Assert.Null(clock);
    }

    [Fact]
    public void MarkStarting_Evaluator_NoRoomUntilReadyAgain()
    {
        Up(_first);

        _book.MarkStarting(_first);

        Assert.Equal(0, _book.FreeSlots);
        Assert.True(_book.TryMarkUp(_first));
        Assert.Equal(2, _book.FreeSlots);
    }

    [Fact]
    public void Remove_Evaluator_ReturnsWhatItHeldAndItIsGone()
    {
        Up(_first);
        var running = NewHandOut();
        _book.Hand(_first, running);

        Assert.True(_book.Remove(_first, out var held));

        Assert.Same(running, held.Running);
        Assert.Null(held.Waiting);
        Assert.Equal(0, _book.Alive);
        Assert.False(_book.Remove(_first, out _));
    }

    [Fact]
    public void Ticket_StartedFirst_CannotBeWithdrawnAndKnowsWhen()
    {
        var ticket = new HandOutTicket();
        var at = DateTimeOffset.UnixEpoch.AddSeconds(3);

        Assert.Null(ticket.StartedAt);
        Assert.True(ticket.TryStart(at));

        Assert.False(ticket.TryWithdraw());
        Assert.Equal(at, ticket.StartedAt);
    }

    [Fact]
    public void Ticket_WithdrawnFirst_CannotBeStarted()
    {
        var ticket = new HandOutTicket();

        Assert.True(ticket.TryWithdraw());

        Assert.False(ticket.TryStart(DateTimeOffset.UnixEpoch));
        Assert.Null(ticket.StartedAt);
    }

    private void Up(IActorRef evaluator)
    {
        _book.Add(evaluator);
        _book.TryMarkUp(evaluator);
    }

    private (HandOut Running, HandOut Waiting) HandTwo()
    {
        Up(_first);
        var running = NewHandOut();
        var waiting = NewHandOut();
        _book.Hand(_first, running);
        _book.Hand(_first, waiting);
        return (running, waiting);
    }

    private HandOut NewHandOut() => new(new TestLease(), ++_dispatch, new HandOutTicket(), new CancellationTokenSource());

    private sealed class TestLease() : TaskLease(new EvaluationTask(0, TaskKind.Candidates, 0, 1))
    {
        public override void Ack()
        {
        }

        public override void Requeue()
        {
        }
    }
}
