using System.Threading.Channels;
using Es.Actors.Fabric;
using Akka.Actor;

namespace Es.Actors.Evaluation;

/// <summary>
/// Every lease the pump takes is owned by the pool until it is settled, so that when the
/// pool stops (a node killed) whatever it held, dispatched or waiting, goes back to the
/// fabric, including a lease the pump took as the pool was stopping.
/// </summary>
public sealed partial class EvaluatorPoolActor
{
    private readonly Channel<bool> _credits = Channel.CreateUnbounded<bool>();
    private readonly object _ownedLock = new();
    private readonly HashSet<TaskLease> _owned = [];
    private bool _released;
    private int _asked;

    /// <summary>Asks the pump for tasks until <paramref name="wanted"/> are on their way (credits given and not yet answered with a lease).</summary>
    private void AskFor(int wanted)
    {
        for (; _asked < wanted; _asked++)
        {
            _credits.Writer.TryWrite(true);
        }
    }

    /// <summary>Takes back the credits the pump has not started to use (it is waiting on the fabric with at most one).</summary>
    private void TakeBackUnusedCredits()
    {
        while (_asked > 0 && _credits.Reader.TryRead(out _))
        {
            _asked--;
        }
    }

    /// <summary>A lease came for one credit.</summary>
    private void CreditAnswered() => _asked--;

    /// <summary>Takes one task from the fabric per free slot (credit) and hands it to the pool.</summary>
    private async Task PumpAsync(IActorRef pool, CancellationToken stopping)
    {
        try
        {
            while (await _credits.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                if (!_credits.Reader.TryRead(out _))
                {
                    continue;
                }

                var lease = await _fabric.TakeAsync(stopping).ConfigureAwait(false);
                if (TryOwn(lease))
                {
                    pool.Tell(lease);
                }
                else
                {
                    lease.Requeue(); // the pool stopped while this lease was being taken
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the pool stopped
        }
        catch (Exception e)
        {
            // A fabric that fails is the pool's failure, not a silent loss of its supply of work.
            pool.Tell(new PumpFailed(e));
        }
    }

    private bool TryOwn(TaskLease lease)
    {
        lock (_ownedLock)
        {
            return !_released && _owned.Add(lease);
        }
    }

    /// <summary>Acknowledges (done, or nothing left to do) or requeues a lease, and lets go of it.</summary>
    private void Settle(TaskLease lease, bool ack)
    {
        lock (_ownedLock)
        {
            _owned.Remove(lease);
        }

        if (ack)
        {
            lease.Ack();
        }
        else
        {
            lease.Requeue();
        }
    }

    /// <summary>Puts a lease back without counting an attempt against it (its holder did not fail), and lets go of it.</summary>
    private void Release(TaskLease lease)
    {
        lock (_ownedLock)
        {
            _owned.Remove(lease);
        }

        lease.Release();
    }

    /// <summary>Releases every lease still held; called once, as the pool stops.</summary>
    private void ReleaseOwnedLeases()
    {
        TaskLease[] held;
        lock (_ownedLock)
        {
            _released = true;
            held = [.. _owned];
            _owned.Clear();
        }

        foreach (var lease in held)
        {
            lease.Release();
        }
    }

    /// <summary>The pump could not take work from the fabric (sent by the pump to the pool, which then fails).</summary>
    private sealed record PumpFailed(Exception Reason);
}
