using Es.Core.Environments;
using Es.Core.Environments.CartPole;

namespace Es.Actors.Tests.Cluster;

/// <summary>
/// CartPole registered under a name of its own whose episodes wait at their start while the
/// gate is closed: a test closes it to pause the run with every evaluator holding a task,
/// does something to the cluster, and opens it again. The dynamics are CartPole's, so the
/// embedded run of the same configuration (gate open) reaches the same θ.
/// </summary>
internal sealed class EpisodeGate
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly CountWatch _waiting = new();
    private long _episodes;
    private long _closeAt = long.MaxValue;

    private EpisodeGate()
    {
        EnvironmentName = $"GatedCartPole-{Guid.NewGuid():N}";
        EnvironmentRegistry.Register(EnvironmentName, () => new GatedEnvironment(this));
    }

    /// <summary>The name to put in the configuration's <c>env.name</c>.</summary>
    public string EnvironmentName { get; }

    /// <summary>A gate (open) and its environment, registered under a fresh name.</summary>
    public static EpisodeGate Register() => new();

    /// <summary>Episodes that start from now on wait.</summary>
    public void Close() => _open.Reset();

    /// <summary>
    /// Closes the gate as the <paramref name="episode"/>-th episode from now starts (it waits too):
    /// a point in the run that depends on its configuration alone, not on timing.
    /// </summary>
    public void CloseAtEpisode(long episode)
    {
        Interlocked.Exchange(ref _episodes, 0);
        Interlocked.Exchange(ref _closeAt, episode);
    }

    /// <summary>Waiting episodes go on; new ones start at once.</summary>
    public void Open() => _open.Set();

    /// <summary>Completes once <paramref name="count"/> episodes wait at the closed gate (evaluators each holding a task).</summary>
    public Task WhenWaiting(int count) => _waiting.AtLeast(count);

    private void Pass()
    {
        if (Interlocked.Increment(ref _episodes) == Interlocked.Read(ref _closeAt))
        {
            Close();
        }

        if (_open.IsSet)
        {
            return;
        }

        _waiting.Up();
        _open.Wait();
        _waiting.Down();
    }

    private sealed class GatedEnvironment(EpisodeGate gate) : IEnvironment
    {
        private readonly CartPoleEnvironment _inner = new();

        public EnvironmentSpec Spec => _inner.Spec;

        public void Reset(ulong seed, Span<float> observation)
        {
            gate.Pass();
            _inner.Reset(seed, observation);
        }

        public StepResult Step(ReadOnlySpan<float> action, Span<float> observation) => _inner.Step(action, observation);
    }
}
