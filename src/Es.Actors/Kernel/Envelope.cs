namespace Es.Actors.Kernel;

/// <summary>A user message in a mailbox, with the sender to reply to.</summary>
internal readonly record struct Envelope(object Message, ActorRef? Sender);
