using Akka.Actor;
using Es.Actors.Fabric;
using Es.Actors.Training;

namespace Es.Actors.Cluster;

/// <summary>The coordinator actor the dispatcher feeds results to (local, never on the wire).</summary>
/// <param name="Coordinator">The coordinator.</param>
public sealed record AttachCoordinator(IActorRef Coordinator);

/// <summary>A round to hand out (local).</summary>
/// <param name="Generation">The generation.</param>
/// <param name="ThetaHash">SHA-256 of its θ.</param>
/// <param name="Previous">The record of the previous generation, when the coordinator holds it.</param>
/// <param name="Tasks">The round's tasks.</param>
public sealed record PublishRound(int Generation, byte[] ThetaHash, GenerationRecord? Previous, IReadOnlyList<EvaluationTask> Tasks);

/// <summary>Tell the nodes the run is over; answered with <see cref="FinishAnnounced"/> once they heard (or the patience ran out).</summary>
/// <param name="Status">The run's status.</param>
public sealed record AnnounceFinished(string Status);

/// <summary>The answer to <see cref="AnnounceFinished"/>.</summary>
public sealed record FinishAnnounced;
