using Akka.Actor;

namespace Es.Actors.Cluster;

/// <summary>The end of the run: every node hears of it before the seed leaves.</summary>
public sealed partial class TaskDispatcherActor
{
    private HashSet<int>? _finishing;
    private IActorRef? _finishAsker;
    private string? _finishedStatus;

    /// <summary>
    /// A node registering once the end is announced would never hear of it: it would wait,
    /// be left alone in the cluster when the seed leaves, down itself and join again, forever.
    /// It is told the run is over instead of joining.
    /// </summary>
    private bool ToldTheRunIsOver(IActorRef agent)
    {
        if (_finishedStatus is null)
        {
            return false;
        }

        agent.Tell(new RunFinished(_finishedStatus));
        return true;
    }

    private void OnAnnounceFinished(AnnounceFinished announce)
    {
        _finishAsker = Sender;
        _finishedStatus = announce.Status;
        _finishing = [];
        foreach (var pool in _pools.Values.Where(p => _unreachable.Contains(p.Agent.Path.Address)).ToList())
        {
            // Unreachable as the run ends (its removal from the cluster may come after the summary): lost, not waited for.
            _pools.Remove(pool.Number);
            _byAgent.Remove(pool.Agent);
            Context.Unwatch(pool.Agent);
            _settings.Counters.NodeLost();
            _settings.Counters.SetNodesUp(_pools.Count);
            _settings.Notify($"node {pool.NodeId} lost (unreachable as the run ended); nodes up {_pools.Count}, lost {_settings.Counters.NodesLost}");
        }

        foreach (var pool in _pools.Values)
        {
            pool.Agent.Tell(new RunFinished(announce.Status));
            _finishing.Add(pool.Number);
        }

        _pending.Clear();
        if (_finishing.Count == 0)
        {
            FinishAnswered();
            return;
        }

        Timers.StartSingleTimer("finish", new FinishPatienceOver(), _settings.FinishPatience);
    }

    private void OnFinishedSeen(RunFinishedSeen seen)
    {
        if (_finishing is not null && _finishing.Remove(seen.Registration) && _finishing.Count == 0)
        {
            FinishAnswered();
        }
    }

    private void FinishAnswered()
    {
        Timers.Cancel("finish");
        _finishAsker?.Tell(new FinishAnnounced());
        _finishAsker = null;
    }

    private sealed record FinishPatienceOver;
}
