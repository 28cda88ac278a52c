using Es.Core.Environments;
using Es.Core.Normalization;
using Es.Core.Policies;

namespace Es.Core.Rollouts;

/// <summary>A policy acting in an environment for up to a step limit. Buffers are allocated once.</summary>
public sealed class RolloutProblem : IProblem
{
    private readonly IEnvironment _environment;
    private readonly IPolicy _policy;
    private readonly int _maxSteps;
    private readonly float[] _raw;
    private readonly float[] _normalised;
    private readonly float[] _action;

    /// <summary>Creates the problem.</summary>
    /// <param name="environment">The environment instance (owned by this problem).</param>
    /// <param name="policy">The policy instance (owned by this problem).</param>
    /// <param name="maxSteps">Step limit per episode (Gymnasium's TimeLimit).</param>
    public RolloutProblem(IEnvironment environment, IPolicy policy, int maxSteps)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        _environment = environment;
        _policy = policy;
        _maxSteps = maxSteps;
        _raw = new float[environment.Spec.ObservationSize];
        _normalised = new float[environment.Spec.ObservationSize];
        _action = new float[environment.Spec.Actions.ActionLength];
    }

    /// <inheritdoc/>
    public string Name => _environment.Spec.Name;

    /// <inheritdoc/>
    public int ParameterCount => _policy.ParameterCount;

    /// <inheritdoc/>
    public int ObservationSize => _raw.Length;

    /// <inheritdoc/>
    public double SolvedThreshold => _environment.Spec.SolvedThreshold;

    /// <inheritdoc/>
    public void Initialize(Span<float> theta, ulong seed) => _policy.Initialize(theta, seed);

    /// <inheritdoc/>
    public EpisodeOutcome Run(ReadOnlySpan<float> theta, ulong episodeSeed, ObservationFilter filter, RunningStat? statistics)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _environment.Reset(episodeSeed, _raw);
        double total = 0;
        int steps = 0;
        while (steps < _maxSteps)
        {
            statistics?.Push(_raw);
            filter.Apply(_raw, _normalised);
            _policy.Act(theta, _normalised, _action);
            var result = _environment.Step(_action, _raw);
            total += result.Reward;
            steps++;
            if (result.Terminated)
            {
                break;
            }
        }

        return new EpisodeOutcome(total, steps);
    }
}
