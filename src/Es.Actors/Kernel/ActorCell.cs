using System.Threading.Channels;

namespace Es.Actors.Kernel;

/// <summary>
/// The runtime behind an <see cref="ActorRef"/>: two mailboxes (system messages first),
/// the current actor instance and its behaviour, children, watchers and timers. All of
/// its state is touched only inside its turns, one at a time (<see cref="ActorCell"/>'s
/// Turns part decides where they run).
/// </summary>
internal sealed partial class ActorCell : ActorRef, IActorContext
{
    // Not SingleReader: a turn that has just ended peeks (HasWork) while the next one may
    // already be reading, and the single-reader queue's peek is not safe against a reader.
    private readonly Channel<Envelope> _mailbox = Channel.CreateUnbounded<Envelope>();
    private readonly Channel<SystemMessage> _systemMailbox = Channel.CreateUnbounded<SystemMessage>();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Props _props;
    private Actor? _actor;
    private Action<object>? _behavior;
    private ActorRef? _sender;
    private bool _suspended;
    private int _incarnation;
    private int _handled;
    private bool _discarded;

    public ActorCell(ActorSystem system, ActorCell? parent, string name, Props props)
    {
        System = system;
        ParentCell = parent;
        Name = name;
        _props = props;
        Path = parent is null ? "/" + name : parent.Path.TrimEnd('/') + "/" + name;
    }

    public ActorSystem System { get; }

    public ActorCell? ParentCell { get; }

    public string Name { get; }

    public override string Path { get; }

    /// <summary>Completes when the actor has stopped and told its watchers.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Counts instances: a report from an old incarnation is recognised and ignored. Read by the parent, hence volatile.</summary>
    public int Incarnation => Volatile.Read(ref _incarnation);

    public ActorRef Self => this;

    public ActorRef? Sender => _sender;

    public ActorRef Parent => (ActorRef?)ParentCell ?? System.DeadLetters;

    public override void Tell(object message, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_mailbox.Writer.TryWrite(new Envelope(message, sender)))
        {
            Signal();
        }
        else
        {
            System.DeadLetter(message, sender, this);
        }
    }

    public void SendSystem(SystemMessage message)
    {
        if (_systemMailbox.Writer.TryWrite(message))
        {
            Signal();
        }
    }

    public void MarkDiscarded() => _discarded = true;

    public void Become(Action<object> behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        _behavior = behavior;
    }

    /// <summary>
    /// Handles the messages that can be handled now, system messages first, at most
    /// <paramref name="limit"/> user messages; false once the actor has stopped.
    /// </summary>
    private bool ProcessAvailable(int limit)
    {
        while (true)
        {
            if (_systemMailbox.Reader.TryRead(out var system))
            {
                HandleSystem(system);
                if (_terminated)
                {
                    DrainToDeadLetters();
                    _stopped.TrySetResult();
                    return false;
                }

                continue;
            }

            if (!_suspended && IsAbandoned)
            {
                _suspended = true; // the supervisor gave up on this instance: it handles no more user messages
            }

            if (limit > 0 && !_suspended && !_terminating && _mailbox.Reader.TryRead(out var envelope))
            {
                limit--;
                Invoke(envelope);
                continue;
            }

            return true;
        }
    }

    /// <summary>True when a turn would have something to do.</summary>
    private bool HasWork => _systemMailbox.Reader.TryPeek(out _) || (!_suspended && !_terminating && _mailbox.Reader.TryPeek(out _));

    private void Invoke(Envelope envelope)
    {
        _sender = envelope.Sender;
        try
        {
            if (envelope.Message is Terminated terminated)
            {
                _watching.Remove(terminated.Actor);
            }

            _discarded = false;
            (_behavior ?? _actor!.Receive)(envelope.Message);
            if (!_discarded)
            {
                Volatile.Write(ref _handled, _handled + 1);
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            _sender = null;
        }
    }

    /// <summary>Suspends this actor and hands the failure to the parent.</summary>
    private void Fail(Exception reason)
    {
        _suspended = true;
        if (IsAbandoned)
        {
            return; // the supervisor already failed this incarnation from outside (FailChild) and decided
        }

        if (ParentCell is null)
        {
            System.ReportGuardianFailure(this, reason);
            return;
        }

        ParentCell.SendSystem(new Failed(this, reason, Incarnation, _handled));
    }

    private void DrainToDeadLetters()
    {
        _mailbox.Writer.TryComplete();
        while (_mailbox.Reader.TryRead(out var envelope))
        {
            System.DeadLetter(envelope.Message, envelope.Sender, this);
        }
    }
}
