using System.Diagnostics.CodeAnalysis;

namespace Es.Actors.Kernel;

/// <summary>
/// Giving up on an instance from outside its own thread. An actor blocked inside a handler
/// (a hung environment) cannot process the system message that restarts or stops it, so the
/// supervisor first cancels the instance's <see cref="Abandoned"/> token: work that observes
/// it returns, the thread is released, and the instance handles no further user messages.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The token sources hold no timers and a cancelled one may still be read by a released handler; the doorbell semaphore has no wait handle unless asked for one. A cell lives as long as its actor.")]
internal sealed partial class ActorCell
{
    private readonly object _abandonLock = new();
    private CancellationTokenSource _abandon = new();
    private int _abandonedIncarnation = -1;

    /// <inheritdoc/>
    public CancellationToken Abandoned
    {
        get
        {
            lock (_abandonLock)
            {
                return _abandon.Token;
            }
        }
    }

    /// <summary>True when the current instance was given up on and awaits its supervisor's directive.</summary>
    private bool IsAbandoned => Volatile.Read(ref _abandonedIncarnation) == Incarnation;

    /// <inheritdoc/>
    public void FailChild(ActorRef child, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (child is not ActorCell cell || !ReferenceEquals(cell.ParentCell, this))
        {
            throw new ArgumentException($"{child?.Path} is not a child of {Path}.", nameof(child));
        }

        // Marked first, so a failure the child reports meanwhile is recognised as this one;
        // released last, so the directive is decided before the child's handler returns.
        int incarnation = cell.MarkAbandoned();
        Supervise(new Failed(cell, reason, incarnation, Volatile.Read(ref cell._handled)));
        cell.CancelAbandonToken();
    }

    /// <summary>Cancels the token and stops the actor: the token lets a blocked handler return so the stop can run.</summary>
    internal void RequestTerminate()
    {
        MarkAbandoned(); // a handler failing as it is released must not be supervised: the actor is stopping
        CancelAbandonToken();
        SendSystem(new TerminateActor());
    }

    /// <summary>Marks the current incarnation as given up on (any thread); returns its number.</summary>
    private int MarkAbandoned()
    {
        int incarnation = Incarnation;
        Volatile.Write(ref _abandonedIncarnation, incarnation);
        return incarnation;
    }

    private void CancelAbandonToken()
    {
        lock (_abandonLock)
        {
            _abandon.Cancel();
        }
    }

    /// <summary>A fresh token for a fresh (or resumed) instance; the old one stays cancelled.</summary>
    private void RenewAbandonToken()
    {
        lock (_abandonLock)
        {
            if (_abandon.IsCancellationRequested)
            {
                // Not disposed: a released handler may still be reading the old token's wait handle.
                _abandon = new CancellationTokenSource();
            }
        }

        Volatile.Write(ref _abandonedIncarnation, -1);
    }
}
