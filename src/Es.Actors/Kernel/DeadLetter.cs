namespace Es.Actors.Kernel;

/// <summary>A message that could not be delivered or was not handled.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Who sent it.</param>
/// <param name="Recipient">Who it was for.</param>
public sealed record DeadLetter(object Message, ActorRef? Sender, ActorRef Recipient);
