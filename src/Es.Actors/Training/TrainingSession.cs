using Es.Actors.Fabric;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Normalization;
using Es.Core.Optimizers;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Actors.Training;

/// <summary>
/// The coordinator's decision logic, free of actors and I/O so it can be tested alone:
/// plans each round's tasks, collects results by candidate index (ignoring duplicates
/// and stale generations), and applies the update in candidate order, so θ never depends
/// on which evaluator answered first.
/// </summary>
public sealed partial class TrainingSession
{
    private readonly TrainingConfig _config;
    private readonly NoiseTable _noise;
    private readonly float[] _theta;
    private readonly IOptimizer _optimizer;
    private readonly IEvolutionStrategy _strategy;
    private readonly RunningStat? _observations;
    private readonly double _solvedThreshold;
    private readonly double[] _rewards;
    private readonly bool[] _scored;
    private readonly ObservationDelta?[] _deltas;
    private readonly bool[] _survives;
    private double[] _evalReturns = [];
    private bool[] _evalScored = [];
    private int _pending;
    private long _roundSteps;
    private bool _roundHasPopulation;
    private bool _stopRequested;

    /// <summary>Starts a session at θ₀ drawn from the run seed.</summary>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="problem">A problem instance, used for sizes and θ₀.</param>
    public TrainingSession(TrainingConfig config, NoiseTable noise, IProblem problem)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(problem);
        _config = config;
        _noise = noise;
        int dimension = problem.ParameterCount;
        if (dimension > noise.Size)
        {
            throw new ArgumentException($"The policy has {dimension} parameters but the noise table only {noise.Size} values; raise noise.table_size.", nameof(noise));
        }

        _theta = new float[dimension];
        problem.Initialize(_theta, Core.Randomness.SeedMixer.Derive(config.Seed, 0));
        _optimizer = StrategyFactory.CreateOptimizer(config.Optimizer, dimension);
        _strategy = StrategyFactory.Create(config, noise, _theta, _optimizer);
        _observations = config.ObsNorm.Enabled && problem.ObservationSize > 0 ? new RunningStat(problem.ObservationSize) : null;
        Filter = ObservationFilter.Identity(problem.ObservationSize);
        _solvedThreshold = config.Evaluation.SolvedThreshold(problem.SolvedThreshold);
        _rewards = new double[config.Strategy.Population];
        _scored = new bool[config.Strategy.Population];
        _deltas = new ObservationDelta?[config.Strategy.Population];
        _survives = new bool[config.Strategy.Population];
        BestEvalReturn = double.NaN;
        FinalEvalReturn = double.NaN;
    }

    /// <summary>Updates applied to θ so far; also the generation being scored.</summary>
    public int Generation { get; private set; }

    /// <summary>θ as it stands.</summary>
    public ReadOnlySpan<float> Theta => _theta;

    /// <summary>The observation filter of the current generation.</summary>
    public ObservationFilter Filter { get; private set; }

    /// <summary>True once the run is over (generation limit, solved, or stopped on request).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Mean evaluation return of the latest evaluation.</summary>
    public double FinalEvalReturn { get; private set; }

    /// <summary>Best mean evaluation return so far.</summary>
    public double BestEvalReturn { get; private set; }

    /// <summary>First generation whose evaluation reached the threshold.</summary>
    public int? SolvedGeneration { get; private set; }

    /// <summary>Candidate evaluations so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Environment steps so far.</summary>
    public long EnvSteps { get; private set; }

    /// <summary>True while a round's results are still expected.</summary>
    public bool RoundInProgress => _pending > 0;

    /// <summary>True when the run stopped on request rather than by finishing.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>Ends the run after the round in progress (at once between rounds), without a final evaluation.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        if (!RoundInProgress && !IsFinished)
        {
            IsFinished = true;
            Interrupted = true;
        }
    }

    /// <summary>The strategy the session drives (<c>strategy.name</c>).</summary>
    public string StrategyName => _strategy.Name;

    /// <summary>
    /// What evaluators need to score the current generation: θ, the filter, σ and the
    /// strategy's recipe for its candidates. Node replicas publish the same view from the
    /// same state, so a candidate is rebuilt alike on every node.
    /// </summary>
    public GenerationView CurrentView()
    {
        float[] theta = [.. _theta];
        return new GenerationView(Generation, theta, Filter, (float)_config.Strategy.Sigma, _strategy.Ask(Generation, theta));
    }

    /// <summary>The outcome so far.</summary>
    public TrainingOutcome Outcome() => new(
        Generation, Evaluations, EnvSteps, FinalEvalReturn, BestEvalReturn,
        SolvedGeneration.HasValue, SolvedGeneration, [.. _theta], Interrupted, CandidatesFailed);
}
