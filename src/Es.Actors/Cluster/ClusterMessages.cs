using Es.Actors.Fabric;
using Es.Actors.Training;

namespace Es.Actors.Cluster;

/// <summary>
/// A message that crosses the wire between a node's agent and the coordinator's dispatcher.
/// Every one is written by <see cref="ClusterMessageSerializer"/>, never by Akka's JSON default.
/// </summary>
public interface IClusterMessage;

/// <summary>A node's agent asks the coordinator for work (sent until it is welcomed or refused).</summary>
/// <param name="Version">The protocol version the node speaks (<see cref="ClusterProtocol.Version"/>).</param>
/// <param name="NodeId">The node's id (host, process, a random suffix).</param>
/// <param name="Workers">Its evaluators.</param>
public sealed record RegisterPool(ushort Version, string NodeId, int Workers) : IClusterMessage;

/// <summary>The coordinator refuses a node: it speaks another protocol version.</summary>
/// <param name="CoordinatorVersion">The coordinator's version.</param>
/// <param name="NodeVersion">The node's version.</param>
public sealed record PoolRefused(ushort CoordinatorVersion, ushort NodeVersion) : IClusterMessage
{
    /// <summary>Both versions, for the node's error line.</summary>
    public string Reason => $"the coordinator speaks cluster protocol version {CoordinatorVersion}, this node {NodeVersion}; run the same EsAkka version on every host";
}

/// <summary>
/// The coordinator's answer to a registration: the run's configuration and how the session
/// snapshot (the only time θ crosses the network) follows, in <see cref="SnapshotChunk"/>s.
/// </summary>
/// <param name="Version">The coordinator's protocol version.</param>
/// <param name="Registration">This registration's number: results carry it; those of a dropped registration are stale.</param>
/// <param name="RunId">The run.</param>
/// <param name="ConfigJson">The resolved configuration (without the store's connection string).</param>
/// <param name="SnapshotLength">Bytes of the encoded snapshot.</param>
/// <param name="Chunks">How many chunks carry it.</param>
public sealed record PoolWelcome(ushort Version, int Registration, string RunId, string ConfigJson, int SnapshotLength, int Chunks) : IClusterMessage;

/// <summary>One piece of the snapshot (each well under Akka.Remote's maximum frame size).</summary>
/// <param name="Registration">The welcome it belongs to.</param>
/// <param name="Index">Its position, from 0.</param>
/// <param name="Bytes">Its bytes.</param>
public sealed record SnapshotChunk(int Registration, int Index, byte[] Bytes) : IClusterMessage;

/// <summary>
/// A generation starts: the record that turns the previous θ into this one (rewards and
/// observation statistics: bytes grow with the population) and a hash of θ to check the
/// replica against.
/// </summary>
/// <param name="Generation">The generation now being scored.</param>
/// <param name="ThetaHash">SHA-256 of θ_generation (little-endian float32).</param>
/// <param name="Previous">The record of generation - 1 (null when the coordinator does not hold it, e.g. right after recovery from a snapshot).</param>
public sealed record GenerationStarted(int Generation, byte[] ThetaHash, GenerationRecord? Previous) : IClusterMessage;

/// <summary>A node can take <paramref name="Count"/> more tasks (credit, pull-based).</summary>
/// <param name="Registration">Who asks.</param>
/// <param name="Count">How many more.</param>
public sealed record RequestTasks(int Registration, int Count) : IClusterMessage;

/// <summary>Tasks for a node, at most as many as it asked for.</summary>
/// <param name="Tasks">Candidate names (generation, kind, range), never vectors.</param>
public sealed record TaskBatch(EvaluationTask[] Tasks) : IClusterMessage;

/// <summary>A task's scores, with the node's running fault counters and the tasks it can take next.</summary>
/// <param name="Registration">Who scored it.</param>
/// <param name="Result">The scores.</param>
/// <param name="EvaluatorRestarts">The node's evaluator restarts so far.</param>
/// <param name="CandidatesRetried">Candidates the node scored again after a local failure so far.</param>
/// <param name="Asking">More tasks the node can take (as a <see cref="RequestTasks"/> would ask: the slot this result frees, usually), so that a task costs one message each way.</param>
public sealed record PoolResult(int Registration, TaskResult Result, long EvaluatorRestarts, long CandidatesRetried, int Asking = 0) : IClusterMessage;

/// <summary>The node's replica is out of step (a record missing, a hash differs): it asks for a fresh snapshot.</summary>
/// <param name="Registration">Who asks.</param>
public sealed record ResyncRequest(int Registration) : IClusterMessage;

/// <summary>The run is over: nodes answer <see cref="RunFinishedSeen"/> and leave.</summary>
/// <param name="Status">finished, solved, interrupted or failed.</param>
public sealed record RunFinished(string Status) : IClusterMessage;

/// <summary>A node heard that the run is over (the coordinator waits for these before its node leaves).</summary>
/// <param name="Registration">Who heard.</param>
public sealed record RunFinishedSeen(int Registration) : IClusterMessage;
