namespace Es.Actors.Kernel;

/// <summary>Sent to watchers when an actor they watch has stopped.</summary>
/// <param name="Actor">The actor that stopped.</param>
public sealed record Terminated(ActorRef Actor);

/// <summary>Messages between actor cells; they overtake user messages in a mailbox.</summary>
internal abstract record SystemMessage;

/// <summary>A child reports a failure to its parent.</summary>
/// <param name="Child">The child.</param>
/// <param name="Reason">What it threw.</param>
/// <param name="Incarnation">The failing instance, so reports from a replaced one are ignored.</param>
/// <param name="Handled">Messages that instance handled without failing (0 = it failed at once: restart backoff keeps growing).</param>
internal sealed record Failed(ActorCell Child, Exception Reason, int Incarnation, int Handled) : SystemMessage;

internal sealed record ResumeChild : SystemMessage;

internal sealed record RestartChild(Exception Reason) : SystemMessage;

internal sealed record TerminateActor : SystemMessage;

internal sealed record ChildTerminated(ActorCell Child) : SystemMessage;

internal sealed record WatchActor(ActorCell Watcher) : SystemMessage;

internal sealed record UnwatchActor(ActorCell Watcher) : SystemMessage;

/// <summary>An escalated failure, raised in the supervisor as if its own handler had thrown.</summary>
internal sealed record EscalatedFailure(Exception Reason) : SystemMessage;
