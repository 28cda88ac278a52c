namespace Es.Actors.Kernel;

/// <summary>Request/response on top of tell: a temporary address completes a task with the first reply.</summary>
public static class AskExtensions
{
    /// <summary>Sends <paramref name="message"/> and waits for a reply of type <typeparamref name="T"/>.</summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/> on the system clock.</exception>
    public static async Task<T> Ask<T>(this ActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var clock = target is ActorCell cell ? cell.System.Clock : TimeProvider.System;
        var promise = new PromiseRef(target.Path);
        target.Tell(message, promise);
        var reply = await promise.Reply.WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException($"{target.Path} replied {reply.GetType().Name}, expected {typeof(T).Name}.");
    }

    private sealed class PromiseRef(string targetPath) : ActorRef
    {
        private readonly TaskCompletionSource<object> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<object> Reply => _reply.Task;

        public override string Path => $"/temp/ask-{targetPath}";

        public override void Tell(object message, ActorRef? sender = null) => _reply.TrySetResult(message);
    }
}
