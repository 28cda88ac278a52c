using Akka.Configuration;
using Akka.Dispatch;

namespace Es.Actors.Hosting;

/// <summary>
/// Hooks <see cref="CallerRunsDispatcher"/> into Akka's dispatchers: a dispatcher section with
/// <c>type = "Es.Actors.Hosting.CallerRunsDispatcherConfigurator, Es.Actors"</c> takes the
/// keys Akka's own <c>Dispatcher</c> takes (<c>executor</c>, <c>throughput</c>, …), with
/// Akka's default dispatcher's values where it leaves them out. One instance per section.
/// </summary>
public sealed class CallerRunsDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly CallerRunsDispatcher _instance;

    /// <summary>Called by Akka with the dispatcher's section.</summary>
    public CallerRunsDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        ArgumentNullException.ThrowIfNull(config);
        var deadline = config.GetTimeSpan("throughput-deadline-time", null);
        _instance = new CallerRunsDispatcher(
            this,
            config.GetString("id", null),
            config.GetInt("throughput", 30),
            deadline > TimeSpan.Zero ? deadline.Ticks : null,
            ConfigureExecutor(),
            config.GetTimeSpan("shutdown-timeout", TimeSpan.FromSeconds(1)));
    }

    /// <inheritdoc/>
    public override MessageDispatcher Dispatcher() => _instance;
}
