using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Actors.Persistence;

namespace Es.Actors.Training;

/// <summary>
/// Holds θ (inside its <see cref="TrainingSession"/>) and runs rounds: publishes a
/// generation's tasks on the fabric, collects the results, applies the update and reports.
/// A persistent actor (persistence id = run id): each completed generation is persisted as
/// one event before anyone hears of it or any result of the next generation is recorded (its
/// tasks are already out, so evaluators never wait for the journal), and recovery replays
/// the events through the same code as the live run, so a resumed run reaches the same θ
/// bit for bit. The decisions are the session's; this actor only sequences them.
/// </summary>
public sealed partial class CoordinatorActor : UntypedPersistentActor
{
    private readonly TrainingSession _session;
    private readonly IEvaluationFabric _fabric;
    private readonly IRunObserver _observer;
    private readonly CheckpointPlan _plan;
    private readonly RunCheckpoints _checkpoints;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Created through <see cref="Props"/>.</summary>
    public CoordinatorActor(TrainingSession session, IEvaluationFabric fabric, IRunObserver observer, CheckpointPlan plan, RunCheckpoints checkpoints)
    {
        _session = session;
        _fabric = fabric;
        _observer = observer;
        _plan = plan;
        _checkpoints = checkpoints;
    }

    /// <summary>Props for a coordinator.</summary>
    /// <param name="session">The run's state and decisions (fresh: recovery brings it up to date).</param>
    /// <param name="fabric">Where tasks go and results come from.</param>
    /// <param name="observer">Told of each round once it is durable.</param>
    /// <param name="plan">The run's persistence id and snapshot policy.</param>
    /// <param name="checkpoints">Receives what recovery did and what checkpoints cost.</param>
    public static Props Props(TrainingSession session, IEvaluationFabric fabric, IRunObserver observer, CheckpointPlan plan, RunCheckpoints checkpoints)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(checkpoints);
        return Akka.Actor.Props.Create(() => new CoordinatorActor(session, fabric, observer, plan, checkpoints))
            .WithDispatcher(ActorHost.CoordinationDispatcher);
    }

    /// <inheritdoc/>
    public override string PersistenceId => _plan.RunId;

    /// <inheritdoc/>
    public override Recovery Recovery => new(_plan.From);

    /// <inheritdoc/>
    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case BeginRound:
                PublishNextRound();
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
            case ExportSnapshot:
                Sender.Tell(new ExportedSnapshot(_session.ExportRoundStart()));
                break;
            default:
                if (!OnCheckpointReply(message))
                {
                    Unhandled(message);
                }

                break;
        }
    }

    private void Complete()
    {
        var report = _session.CompleteRound();
        var record = _session.LastRecord;
        if (record is null || !record.HasPopulation)
        {
            Durable(report, snapshot: null); // the final evaluation-only round changes nothing a replay needs; the final snapshot keeps it
            return;
        }

        // The next generation is scored while this one is written: it depends only on the
        // session, which is already updated, and none of its results is recorded before this
        // event is durable (Persist holds commands back until its handler has run). A crash in
        // between loses the next generation's scores, never its θ: recovery recomputes it
        // from the journal bit for bit. The snapshot is taken now, between rounds.
        var snapshot = !_session.IsFinished && _session.Generation % _plan.SnapshotEvery == 0 ? TakeSnapshot() : null;
        JournalThen(new GenerationJournaled(record, _checkpoints.WallSeconds), () => Durable(report, snapshot));
        PublishNextRound();
    }

    /// <summary>Publishes the next round, unless the run is over or a round is already out.</summary>
    private void PublishNextRound()
    {
        if (_session.IsFinished || _session.RoundInProgress)
        {
            return;
        }

        (_fabric as IReplicatingFabric)?.BeforeRound(_session); // replicas follow with the last record
        var plan = _session.BeginRound();
        _fabric.Publish(plan.View, plan.Tasks);
    }

    /// <summary>The round is durable: now it may be told (and its snapshot saved).</summary>
    private void Durable(GenerationReport report, CheckpointSnapshot? snapshot)
    {
        _observer.OnRoundCompleted(report);
        if (snapshot is not null)
        {
            Save(snapshot);
        }

        if (_session.IsFinished)
        {
            Finish();
        }
    }

    private void Finish()
    {
        _checkpoints.Ended();
        var outcome = _session.Outcome();
        var status = outcome.Interrupted ? "interrupted" : outcome.Solved ? "solved" : "finished";
        FinalSnapshotThen(() => JournalThen(new RunEnded(status), () =>
        {
            _observer.OnFinished(outcome);
            Context.Stop(Self);
        }));
    }
}
