using Akka.Actor;
using Es.Actors.Fabric;

namespace Es.Actors.Cluster;

/// <summary>A node's pool as the dispatcher knows it.</summary>
internal sealed class PoolRegistration(int number, IActorRef agent, string nodeId, int workers)
{
    public int Number { get; } = number;

    public IActorRef Agent { get; } = agent;

    public string NodeId { get; } = nodeId;

    public int Workers { get; } = workers;

    /// <summary>True once the welcome and the snapshot have been sent: from then on it hears broadcasts and gets tasks.</summary>
    public bool Welcomed { get; set; }

    /// <summary>Tasks it asked for and has not been given yet (kept by the dispatcher's <see cref="DemandQueue"/>).</summary>
    public int Demand { get; set; }

    /// <summary>Tasks of the current generation it holds unanswered.</summary>
    public HashSet<EvaluationTask> Outstanding { get; } = [];

    public long EvaluatorRestarts { get; set; }

    public long CandidatesRetried { get; set; }

    /// <summary>Its tasks put back for the others over the run.</summary>
    public long TasksPutBack { get; set; }
}
