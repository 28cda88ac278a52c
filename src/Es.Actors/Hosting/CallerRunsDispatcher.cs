using Akka.Dispatch;

namespace Es.Actors.Hosting;

/// <summary>
/// Akka's thread-pool dispatcher, except that a turn started by a message from an
/// evaluator's thread runs on that thread, at once, instead of waiting for a pool thread
/// (the "caller runs" policy). The evaluator pool and the coordinator run on it
/// (<see cref="ActorHost.CoordinationDispatcher"/>): with one evaluator per core every core
/// is inside an episode, so a woken pool thread waits for the operating system to preempt
/// an evaluator, and an evaluator that answered meanwhile idles until its next task comes
/// back. The turns are short (settling a task, recording a result, at the end of a
/// generation the update); the evaluator had nothing else to do while they ran.
/// </summary>
/// <remarks>
/// Akka's mailbox still serialises each actor's turns, keeps their order and the actor's
/// context, so nothing about the actors changes but the thread. A turn only runs inline
/// on a thread marked by <see cref="RunTurnsOnThisThread"/>, and at most
/// <see cref="MaxNesting"/> deep (the pool's turn telling the coordinator is one level
/// down); anything else goes to the executor the dispatcher's configuration names.
/// </remarks>
public sealed class CallerRunsDispatcher : Dispatcher
{
    /// <summary>Turns an evaluator's thread runs inside one another at most (evaluator → pool → coordinator, with room to spare).</summary>
    public const int MaxNesting = 4;

    [ThreadStatic]
    private static bool t_runsTurns;

    [ThreadStatic]
    private static int t_nesting;

    /// <summary>Created by <see cref="CallerRunsDispatcherConfigurator"/>.</summary>
    public CallerRunsDispatcher(MessageDispatcherConfigurator configurator, string id, int throughput, long? throughputDeadlineTime, ExecutorServiceFactory executorServiceFactory, TimeSpan shutdownTimeout)
        : base(configurator, id, throughput, throughputDeadlineTime, executorServiceFactory, shutdownTimeout)
    {
    }

    /// <summary>
    /// Marks the calling thread as one whose messages may run their receivers' turns (an
    /// evaluator's dedicated thread, from its actor's start: the mark lasts as long as the thread).
    /// </summary>
    public static void RunTurnsOnThisThread() => t_runsTurns = true;

    /// <inheritdoc/>
    protected override void ExecuteTask(IRunnable run)
    {
        if (!t_runsTurns || t_nesting >= MaxNesting)
        {
            base.ExecuteTask(run);
            return;
        }

        t_nesting++;
        try
        {
            run.Run();
        }
        finally
        {
            t_nesting--;
        }
    }
}
