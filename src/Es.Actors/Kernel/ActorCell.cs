using System.Threading.Channels;

namespace Es.Actors.Kernel;

/// <summary>
/// The runtime behind an <see cref="ActorRef"/>: two mailboxes (system messages first),
/// the current actor instance and its behaviour, children, watchers and timers. All of
/// its state is touched only by its own processing loop.
/// </summary>
internal sealed partial class ActorCell : ActorRef, IActorContext
{
    private readonly Channel<Envelope> _mailbox = Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SystemMessage> _systemMailbox = Channel.CreateUnbounded<SystemMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _doorbell = new(0);
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
            _doorbell.Release();
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
            _doorbell.Release();
        }
    }

    /// <summary>
    /// Starts the processing loop on the global queue (PreferFairness): Task.Run from a pool
    /// thread would put it on that thread's local LIFO queue, where a busy parent's later work
    /// can keep a new actor from starting for as long as the parent stays busy.
    /// </summary>
    public void Start() => _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();

    public void MarkDiscarded() => _discarded = true;

    public void Become(Action<object> behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        _behavior = behavior;
    }

    private async Task RunAsync()
    {
        if (!TryCreateInstance(restartReason: null))
        {
            // the failure is with the parent; wait for its directive below
        }

        while (true)
        {
            if (_systemMailbox.Reader.TryRead(out var system))
            {
                HandleSystem(system);
                if (_terminated)
                {
                    DrainToDeadLetters();
                    _stopped.TrySetResult();
                    return;
                }

                continue;
            }

            if (!_suspended && IsAbandoned)
            {
                _suspended = true; // the supervisor gave up on this instance: it handles no more user messages
            }

            if (!_suspended && !_terminating && _mailbox.Reader.TryRead(out var envelope))
            {
                Invoke(envelope);
                continue;
            }

            // One doorbell rung by every enqueue (system or user) instead of racing two
            // WaitToReadAsync calls: a counting semaphore cannot lose a wake-up, and waking
            // for a user message while suspended only costs one more turn of the loop.
            await _doorbell.WaitAsync().ConfigureAwait(false);
        }
    }

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
