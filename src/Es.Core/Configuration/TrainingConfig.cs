namespace Es.Core.Configuration;

/// <summary>
/// A run's resolved configuration: every key with its value, defaults filled in.
/// A run's result depends on this and nothing else (see DESIGN.md, determinism).
/// <c>config/reference.jsonc</c> documents every key.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>The run seed: every random draw of the run derives from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Maximum number of generations (θ updates).</summary>
    public int Generations { get; init; } = 200;

    /// <summary>The task.</summary>
    public EnvironmentOptions Env { get; init; } = new();

    /// <summary>The policy network (ignored by black-box functions).</summary>
    public PolicyConfig Policy { get; init; } = new();

    /// <summary>The ES strategy.</summary>
    public StrategyOptions Strategy { get; init; } = new();

    /// <summary>The optimizer applied to the gradient estimate.</summary>
    public OptimizerOptions Optimizer { get; init; } = new();

    /// <summary>The shared noise table.</summary>
    public NoiseOptions Noise { get; init; } = new();

    /// <summary>Observation normalisation.</summary>
    public ObservationNormOptions ObsNorm { get; init; } = new();

    /// <summary>Periodic evaluation of the unperturbed policy.</summary>
    public EvaluationOptions Evaluation { get; init; } = new();

    /// <summary>How the population is cut into tasks.</summary>
    public TaskOptions Tasks { get; init; } = new();

    /// <summary>Generation checkpoints.</summary>
    public PersistenceOptions Persistence { get; init; } = new();

    /// <summary>Evaluator supervision: restarts, deadlines, attempts, failed candidates.</summary>
    public SupervisionOptions Supervision { get; init; } = new();

    /// <summary>Faults injected on purpose (off by default).</summary>
    public ChaosOptions Chaos { get; init; } = new();

    /// <summary>
    /// The <c>akka</c> section as compact JSON (<c>{}</c> when there is none): Akka.NET
    /// settings laid over the embedded defaults of the run's actor systems. Kept verbatim,
    /// not checked here (Es.Core knows nothing of Akka), and a string so the record stays
    /// immutable and compares by value. It never changes θ.
    /// </summary>
    public string AkkaOverrides { get; init; } = "{}";
}

/// <summary>The <c>env</c> section.</summary>
public sealed record EnvironmentOptions
{
    /// <summary>An environment or black-box function name.</summary>
    public string Name { get; init; } = "CartPole-v1";

    /// <summary>Dimension of a black-box function; 0 = the function's default.</summary>
    public int Dimension { get; init; }

    /// <summary>Step limit per episode; 0 = the environment's own time limit.</summary>
    public int MaxSteps { get; init; }

    /// <summary>Every coordinate of a black-box function's θ₀; null = drawn from the run seed.</summary>
    public double? Start { get; init; }
}

/// <summary>The <c>policy</c> section.</summary>
public sealed record PolicyConfig
{
    /// <summary>Hidden layer sizes; empty = a linear policy.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [32, 32];

    /// <summary><c>tanh</c> or <c>relu</c>.</summary>
    public string Activation { get; init; } = "tanh";
}

/// <summary>The <c>strategy</c> section.</summary>
public sealed record StrategyOptions
{
    /// <summary>The strategy name: <c>openai-es</c>, <c>pgpe</c>, <c>snes</c>, <c>cma-es</c>, <c>sep-cma-es</c>, <c>ars</c> or <c>ga</c>.</summary>
    public string Name { get; init; } = "openai-es";

    /// <summary>Candidates per generation (even for the mirrored strategies: openai-es, pgpe, ars).</summary>
    public int Population { get; init; } = 256;

    /// <summary>Noise standard deviation σ (the initial σ of the adaptive strategies, ARS's ν, the GA's mutation power).</summary>
    public double Sigma { get; init; } = 0.05;

    /// <summary>SNES's η_μ.</summary>
    public double CenterLearningRate { get; init; } = 1.0;

    /// <summary>η_σ of PGPE and SNES; 0 = the paper's (PGPE 0.1, SNES (3 + ln d)/(5√d)).</summary>
    public double StdevLearningRate { get; init; }

    /// <summary>PGPE: the largest relative change of a σ_j per generation.</summary>
    public double StdevMaxChange { get; init; } = 0.2;

    /// <summary>ARS: b, the best directions an update uses; 0 = all of them.</summary>
    public int TopDirections { get; init; }

    /// <summary>GA: T, the parents kept by truncation selection.</summary>
    public int Truncation { get; init; } = 20;

    /// <summary>GA: the mutation power's factor per generation (1 = Such et al.'s fixed σ).</summary>
    public double SigmaDecay { get; init; } = 1;

    /// <summary>GA: the floor of the decaying mutation power.</summary>
    public double SigmaLimit { get; init; }

    /// <summary><c>centered_ranks</c>, <c>z_score</c> or <c>raw</c>.</summary>
    public string Shaping { get; init; } = "centered_ranks";

    /// <summary>L2 weight decay coefficient.</summary>
    public double L2 { get; init; } = 0.005;

    /// <summary>Episodes averaged per candidate.</summary>
    public int EpisodesPerCandidate { get; init; } = 1;

    /// <summary>Subtracted from every training step's reward (not from evaluation returns); 0 = none.</summary>
    public double RewardShift { get; init; }
}

/// <summary>The <c>optimizer</c> section.</summary>
public sealed record OptimizerOptions
{
    /// <summary><c>adam</c>, <c>sgd</c> (with momentum) or <c>clipup</c>.</summary>
    public string Name { get; init; } = "adam";

    /// <summary>Step size.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>SGD and ClipUp momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>ClipUp's maximum speed; 0 = twice the learning rate.</summary>
    public double MaxSpeed { get; init; }
}

/// <summary>The <c>noise</c> section.</summary>
public sealed record NoiseOptions
{
    /// <summary>Number of float32 values in the shared table.</summary>
    public int TableSize { get; init; } = 1 << 25;

    /// <summary>Seed the table is generated from.</summary>
    public ulong Seed { get; init; } = 123;
}

/// <summary>The <c>obs_norm</c> section.</summary>
public sealed record ObservationNormOptions
{
    /// <summary>Normalise observations with running statistics.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Fraction of candidates whose rollouts feed the statistics.</summary>
    public double Fraction { get; init; } = 0.01;
}

/// <summary>The <c>evaluation</c> section.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Evaluate the unperturbed policy every this many generations.</summary>
    public int Every { get; init; } = 5;

    /// <summary>Episodes per evaluation.</summary>
    public int Episodes { get; init; } = 100;

    /// <summary>Stop as soon as an evaluation reaches the solved threshold.</summary>
    public bool StopWhenSolved { get; init; } = true;

    /// <summary>Mean evaluation return that counts as solved; null = the environment's or function's own.</summary>
    public double? Threshold { get; init; }

    /// <summary>The solved threshold of a run on <paramref name="problemThreshold"/>'s problem: <see cref="Threshold"/> when set.</summary>
    public double SolvedThreshold(double problemThreshold) => Threshold ?? problemThreshold;
}

/// <summary>The <c>tasks</c> section.</summary>
public sealed record TaskOptions
{
    /// <summary>Candidates per task sent to an evaluator.</summary>
    public int CandidatesPerTask { get; init; } = 8;

    /// <summary>Evaluation episodes per task.</summary>
    public int EpisodesPerEvalTask { get; init; } = 10;
}
