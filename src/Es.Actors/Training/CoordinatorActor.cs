using Akka.Actor;
using Akka.Event;
using Es.Actors.Fabric;

namespace Es.Actors.Training;

/// <summary>
/// Holds θ (inside its <see cref="TrainingSession"/>) and runs rounds: publishes a
/// generation's tasks on the fabric, collects the results, applies the update and reports.
/// The decisions are the session's; this actor only sequences them on its mailbox.
/// </summary>
public sealed class CoordinatorActor : UntypedActor
{
    private readonly TrainingSession _session;
    private readonly IEvaluationFabric _fabric;
    private readonly IRunObserver _observer;
    private readonly IRunJournal _journal;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Created through <see cref="Props"/>.</summary>
    public CoordinatorActor(TrainingSession session, IEvaluationFabric fabric, IRunObserver observer, IRunJournal journal)
    {
        _session = session;
        _fabric = fabric;
        _observer = observer;
        _journal = journal;
    }

    /// <summary>Props for a coordinator.</summary>
    /// <param name="session">The run's state and decisions.</param>
    /// <param name="fabric">Where tasks go and results come from.</param>
    /// <param name="observer">Told of each round once it is durable.</param>
    /// <param name="journal">Makes each round durable (checkpoints).</param>
    public static Props Props(TrainingSession session, IEvaluationFabric fabric, IRunObserver observer, IRunJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentNullException.ThrowIfNull(observer);
        return Akka.Actor.Props.Create(() => new CoordinatorActor(session, fabric, observer, journal ?? NullRunJournal.Instance));
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        _fabric.AttachCoordinator(Self);
        if (_session.IsFinished)
        {
            Finish(); // a resumed run that had already ended
            return;
        }

        Self.Tell(new BeginRound());
    }

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case BeginRound when !_session.IsFinished && !_session.RoundInProgress:
                (_fabric as IReplicatingFabric)?.BeforeRound(_session); // replicas follow with the last record
                var plan = _session.BeginRound();
                _fabric.Publish(plan.View, plan.Tasks);
                break;
            case TaskResult result:
                if (result.Error is not null)
                {
                    _log.Warning($"coordinator: candidates failed: {result.Error}");
                }

                if (_session.Record(result))
                {
                    Complete();
                }

                break;
            case StopTraining when !_session.IsFinished:
                _session.RequestStop();
                if (_session.IsFinished)
                {
                    Finish();
                }

                break;
            case StopTraining:
                break;
            case BeginRound:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Complete()
    {
        var report = _session.CompleteRound();
        _journal.OnRoundCompleted(_session, report); // durable before anyone hears of it
        _observer.OnRoundCompleted(report);
        if (_session.IsFinished)
        {
            Finish();
        }
        else
        {
            Self.Tell(new BeginRound());
        }
    }

    private void Finish()
    {
        var outcome = _session.Outcome();
        _journal.OnFinished(_session, outcome.Interrupted ? "interrupted" : outcome.Solved ? "solved" : "finished");
        _observer.OnFinished(outcome);
        Context.Stop(Self);
    }
}
