namespace Es.Actors.Kernel;

/// <summary>
/// A small in-process actor runtime: top-level actors live under a guardian that stops a
/// failing top-level actor and reports the failure through <see cref="TopLevelFailure"/>,
/// so a host can fail cleanly instead of looping on restarts.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell _guardian;
    private readonly Action<string> _log;

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">The system's name (for logs).</param>
    /// <param name="clock">The clock for timers, deadlines and restart budgets; tests pass a fake one.</param>
    /// <param name="log">Where diagnostic lines go (default: nowhere).</param>
    public ActorSystem(string name, TimeProvider? clock = null, Action<string>? log = null)
    {
        Name = name;
        Clock = clock ?? TimeProvider.System;
        _log = log ?? (_ => { });
        DeadLetters = new DeadLetterRef(this);
        _guardian = new ActorCell(this, null, "user", Props.Create(() => new GuardianActor()));
        _guardian.Start();
    }

    /// <summary>Raised (on an actor's thread) for every message that could not be delivered.</summary>
    public event Action<DeadLetter>? DeadLetterReceived;

    /// <summary>Raised (on the guardian's thread) when a top-level actor failed and was stopped.</summary>
    public event Action<ActorRef, Exception>? TopLevelFailure;

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The clock behind timers and restart budgets.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The address of undeliverable messages.</summary>
    public ActorRef DeadLetters { get; }

    /// <summary>Creates a top-level actor.</summary>
    public ActorRef ActorOf(Props props, string name) => _guardian.ActorOf(props, name);

    /// <summary>Stops an actor and its children.</summary>
    public void Stop(ActorRef actor)
    {
        if (actor is ActorCell cell && cell.System == this)
        {
            cell.RequestTerminate();
        }
    }

    /// <summary>Completes when <paramref name="actor"/> has stopped.</summary>
    public Task WhenStopped(ActorRef actor) => actor is ActorCell cell && cell.System == this ? cell.Stopped : Task.CompletedTask;

    /// <summary>Stops every actor and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        _guardian.SendSystem(new TerminateActor());
        await _guardian.Stopped.ConfigureAwait(false);
    }

    internal void DeadLetter(object message, ActorRef? sender, ActorRef recipient)
    {
        if (message is Terminated)
        {
            return; // a watcher that stopped first: nothing to tell anyone
        }

        DeadLetterReceived?.Invoke(new DeadLetter(message, sender, recipient));
    }

    internal void Log(string line) => _log(line);

    internal void ReportGuardianFailure(ActorCell cell, Exception reason)
    {
        Log($"{cell.Path}: guardian failure {reason.GetType().Name}: {reason.Message}");
        TopLevelFailure?.Invoke(cell, reason);
    }

    internal void ReportTopLevelFailure(ActorRef child, Exception reason)
    {
        Log($"{child.Path}: failed and was stopped: {reason.GetType().Name}: {reason.Message}");
        TopLevelFailure?.Invoke(child, reason);
    }

    private sealed class GuardianActor : Actor
    {
        private static readonly SupervisorStrategy StopTopLevel = new OneForOneStrategy(_ => Directive.Stop);

        protected internal override SupervisorStrategy SupervisorStrategy => StopTopLevel;

        protected internal override void Receive(object message) => Unhandled(message);

        protected internal override void OnChildFailed(ActorRef child, Exception reason, Directive directive) =>
            Context.System.ReportTopLevelFailure(child, reason);
    }

    private sealed class DeadLetterRef(ActorSystem system) : ActorRef
    {
        public override string Path => "/deadLetters";

        public override void Tell(object message, ActorRef? sender = null) => system.DeadLetter(message, sender, this);
    }
}
