using Es.Actors.Fabric;
using Es.Actors.Training;

namespace Es.Actors.Cluster;

/// <summary>A message of the cluster protocol (see <see cref="WireProtocol"/>).</summary>
public abstract record WireMessage;

/// <summary>A task on the work queue: candidate names, never a vector.</summary>
/// <param name="RunKey">The run it belongs to (tasks of other runs are dropped).</param>
/// <param name="Task">The task.</param>
public sealed record TaskMessage(ulong RunKey, EvaluationTask Task) : WireMessage;

/// <summary>A task's scores, from a node to the coordinator.</summary>
/// <param name="RunKey">The run.</param>
/// <param name="NodeId">Who scored it.</param>
/// <param name="Redelivered">True when the broker had delivered the task before (a node died holding it, or an evaluator failed).</param>
/// <param name="Result">The scores.</param>
public sealed record ResultMessage(ulong RunKey, string NodeId, bool Redelivered, TaskResult Result) : WireMessage;

/// <summary>
/// A generation broadcast: the previous generation's record (rewards and observation
/// statistics: bytes grow with the population) and a hash of θ after applying it.
/// </summary>
/// <param name="RunKey">The run.</param>
/// <param name="Epoch">The coordinator's epoch.</param>
/// <param name="Generation">The generation now being scored.</param>
/// <param name="ThetaHash">SHA-256 of θ_generation (little-endian float32).</param>
/// <param name="Previous">The record that turns θ_{generation-1} into θ_generation (null when unknown, e.g. right after a takeover from a snapshot).</param>
public sealed record GenerationMessage(ulong RunKey, long Epoch, int Generation, byte[] ThetaHash, GenerationRecord? Previous) : WireMessage;

/// <summary>The run is over: nodes leave.</summary>
/// <param name="RunKey">The run.</param>
/// <param name="Status">finished, solved, interrupted or failed.</param>
public sealed record FinishedMessage(ulong RunKey, string Status) : WireMessage;

/// <summary>A node asks to join (or, with <paramref name="Resync"/>, for a fresh snapshot).</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="Host">Its host name (for the display).</param>
/// <param name="Workers">Its evaluators.</param>
/// <param name="ReplyQueue">Where the welcome goes.</param>
/// <param name="Resync">True when the node is out of step rather than new.</param>
public sealed record JoinMessage(string NodeId, string Host, int Workers, string ReplyQueue, bool Resync) : WireMessage;

/// <summary>The coordinator's answer to a join: the run's configuration and one snapshot (the only time θ crosses the network).</summary>
/// <param name="RunKey">The run.</param>
/// <param name="RunId">The run's id.</param>
/// <param name="ConfigJson">The resolved configuration.</param>
/// <param name="Snapshot">The session at the start of the current generation (CheckpointCodec snapshot bytes).</param>
public sealed record WelcomeMessage(ulong RunKey, string RunId, string ConfigJson, byte[] Snapshot) : WireMessage;

/// <summary>A node is alive, at <paramref name="Generation"/>.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Generation">Its replica's generation.</param>
public sealed record HeartbeatMessage(string NodeId, int Generation) : WireMessage;

/// <summary>A node leaves cleanly.</summary>
/// <param name="NodeId">The node.</param>
public sealed record LeaveMessage(string NodeId) : WireMessage;

/// <summary>The coordinator refuses a node (its protocol version differs).</summary>
/// <param name="Reason">Why, for the node's error message.</param>
public sealed record RefusedMessage(string Reason) : WireMessage;
