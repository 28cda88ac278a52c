using Es.Actors.Fabric;
using Es.Actors.Kernel;

namespace Es.Actors.Training;

/// <summary>
/// Holds θ (inside its <see cref="TrainingSession"/>) and runs rounds: publishes a
/// generation's tasks on the fabric, collects the results, applies the update and reports.
/// The decisions are the session's; this actor only sequences them on its mailbox.
/// </summary>
public sealed class CoordinatorActor : Actor
{
    private readonly TrainingSession _session;
    private readonly IEvaluationFabric _fabric;
    private readonly IRunObserver _observer;

    private CoordinatorActor(TrainingSession session, IEvaluationFabric fabric, IRunObserver observer)
    {
        _session = session;
        _fabric = fabric;
        _observer = observer;
    }

    /// <summary>Props for a coordinator.</summary>
    public static Props Props(TrainingSession session, IEvaluationFabric fabric, IRunObserver observer)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentNullException.ThrowIfNull(observer);
        return Kernel.Props.Create(() => new CoordinatorActor(session, fabric, observer));
    }

    /// <inheritdoc/>
    protected internal override void PreStart()
    {
        _fabric.AttachCoordinator(Self);
        Self.Tell(new BeginRound());
    }

    /// <inheritdoc/>
    protected internal override void Receive(object message)
    {
        switch (message)
        {
            case BeginRound when !_session.IsFinished && !_session.RoundInProgress:
                var plan = _session.BeginRound();
                _fabric.Publish(plan.View, plan.Tasks);
                break;
            case TaskResult result:
                if (result.Error is not null)
                {
                    Context.System.Log($"coordinator: candidates failed: {result.Error}");
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
        _observer.OnRoundCompleted(_session.CompleteRound());
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
        _observer.OnFinished(_session.Outcome());
        Context.Stop(Self);
    }
}
