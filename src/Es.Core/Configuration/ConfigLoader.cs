using System.Text.Json;
using System.Text.Json.Nodes;
using Es.Core.Environments;
using Es.Core.Functions;

namespace Es.Core.Configuration;

/// <summary>
/// Turns a JSON (or JSONC) document plus <c>--set key=value</c> overrides into a
/// validated <see cref="TrainingConfig"/>. Every failure is a <see cref="ConfigException"/>
/// naming the source, the key and what is allowed.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Strategy names the trainer knows.</summary>
    public static IReadOnlyList<string> Strategies { get; } = ["openai-es", "pgpe", "snes", "cma-es", "sep-cma-es", "ars", "ga"];

    /// <summary>The strategies whose candidates come in mirrored pairs (an even population).</summary>
    public static IReadOnlyList<string> MirroredStrategies { get; } = ["openai-es", "pgpe", "ars"];

    /// <summary>Fitness shaping names.</summary>
    public static IReadOnlyList<string> Shapings { get; } = ["centered_ranks", "z_score", "raw"];

    /// <summary>Optimizer names.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "sgd", "clipup"];

    /// <summary>Checkpoint store providers.</summary>
    public static IReadOnlyList<string> PersistenceProviders { get; } = ["sqlite", "postgres"];

    /// <summary>Activation names.</summary>
    public static IReadOnlyList<string> Activations { get; } = ["tanh", "relu"];

    /// <summary>Every environment (registered extensions included) and black-box function name, in one list.</summary>
    public static IReadOnlyList<string> Problems => [.. EnvironmentRegistry.Names, .. ObjectiveRegistry.Names];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses and validates a configuration.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="source">Its name for messages, usually the file path.</param>
    /// <param name="overrides"><c>key=value</c> strings; a value is JSON when it parses as JSON, else a string.</param>
    public static TrainingConfig Load(string json, string source, IEnumerable<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ConfigException(source, string.Empty, $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }

        if (root is not JsonObject rootObject)
        {
            throw new ConfigException(source, string.Empty, "expected a JSON object at the top level");
        }

        return Load(rootObject, source, overrides);
    }

    /// <summary>
    /// Validates a configuration already parsed into a JSON tree (a HOCON file converted by
    /// the caller): the same checks, and the same messages, as for a JSON file.
    /// </summary>
    /// <param name="root">The document; it is not modified.</param>
    /// <param name="source">Its name for messages, usually the file path.</param>
    /// <param name="overrides"><c>key=value</c> strings; a value is JSON when it parses as JSON, else a string.</param>
    public static TrainingConfig Load(JsonObject root, string source, IEnumerable<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(source);
        var rootObject = (JsonObject)root.DeepClone();
        var overridden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in overrides ?? [])
        {
            overridden.Add(ConfigOverrides.Apply(rootObject, assignment));
        }

        string SourceOf(string path) => overridden.Contains(path) ? "--set" : source;
        return Bind(new SectionReader(rootObject, string.Empty, SourceOf));
    }

    private static TrainingConfig Bind(SectionReader root)
    {
        var defaults = new TrainingConfig();
        var config = new TrainingConfig
        {
            Seed = root.ULong("seed", defaults.Seed),
            Generations = root.Int("generations", defaults.Generations, 1, 10_000_000),
            Env = BindEnv(root.Section("env")),
            Policy = BindPolicy(root.Section("policy")),
            Strategy = BindStrategy(root.Section("strategy")),
            Optimizer = BindOptimizer(root.Section("optimizer")),
            Noise = BindNoise(root.Section("noise")),
            ObsNorm = BindObsNorm(root.Section("obs_norm")),
            Evaluation = BindEvaluation(root.Section("evaluation")),
            Tasks = BindTasks(root.Section("tasks")),
            Persistence = BindPersistence(root.Section("persistence")),
            Supervision = BindSupervision(root.Section("supervision")),
            Chaos = BindChaos(root.Section("chaos")),
            AkkaOverrides = root.VerbatimObject("akka"),
        };
        root.RejectUnknown();
        return config;
    }

    private static EnvironmentOptions BindEnv(SectionReader s)
    {
        var d = new EnvironmentOptions();
        var options = new EnvironmentOptions
        {
            Name = s.Choice("name", d.Name, Problems),
            Dimension = s.Int("dimension", d.Dimension, 0, 100_000_000),
            MaxSteps = s.Int("max_steps", d.MaxSteps, 0, 100_000_000),
            Start = s.OptionalDouble("start", -1e6, 1e6),
        };
        if (options.Start is not null && !ObjectiveRegistry.Names.Contains(options.Name, StringComparer.OrdinalIgnoreCase))
        {
            // An environment's θ₀ is a policy's initial weights, drawn by the policy: a constant would break its symmetry.
            throw s.Error("start", $"only for a black-box function ({string.Join(", ", ObjectiveRegistry.Names)}), not {options.Name}");
        }

        s.RejectUnknown();
        return options;
    }

    private static PolicyConfig BindPolicy(SectionReader s)
    {
        var d = new PolicyConfig();
        var options = new PolicyConfig
        {
            Hidden = s.IntArray("hidden", d.Hidden, 1, 65_536),
            Activation = s.Choice("activation", d.Activation, Activations),
        };
        s.RejectUnknown();
        return options;
    }

    private static StrategyOptions BindStrategy(SectionReader s)
    {
        var d = new StrategyOptions();
        var options = new StrategyOptions
        {
            Name = s.Choice("name", d.Name, Strategies),
            Population = s.Int("population", d.Population, 2, 10_000_000),
            Sigma = s.Double("sigma", d.Sigma, 0, 1e6, minExclusive: true),
            Shaping = s.Choice("shaping", d.Shaping, Shapings),
            L2 = s.Double("l2", d.L2, 0, 1e6),
            EpisodesPerCandidate = s.Int("episodes_per_candidate", d.EpisodesPerCandidate, 1, 100_000),
            RewardShift = s.Double("reward_shift", d.RewardShift, -1e6, 1e6),
            CenterLearningRate = s.Double("center_learning_rate", d.CenterLearningRate, 0, 1e6, minExclusive: true),
            StdevLearningRate = s.Double("stdev_learning_rate", d.StdevLearningRate, 0, 1e6),
            StdevMaxChange = s.Double("stdev_max_change", d.StdevMaxChange, 0, 1, minExclusive: true),
            TopDirections = s.Int("top_directions", d.TopDirections, 0, 5_000_000),
            Truncation = s.Int("truncation", d.Truncation, 1, 10_000_000),
            SigmaDecay = s.Double("sigma_decay", d.SigmaDecay, 0, 1, minExclusive: true),
            SigmaLimit = s.Double("sigma_limit", d.SigmaLimit, 0, 1e6),
        };
        if (options.Population % 2 != 0 && MirroredStrategies.Contains(options.Name))
        {
            throw s.Error("population", $"expected an even number ({options.Name} evaluates candidates in mirrored pairs), got {options.Population}");
        }

        if (options.Name == "ga" && options.Truncation > options.Population)
        {
            throw s.Error("truncation", $"expected at most the population ({options.Population}), got {options.Truncation}");
        }

        // Only the GA follows a schedule: anywhere else the keys would be silently ignored.
        if (options.Name != "ga" && (options.SigmaDecay != d.SigmaDecay || options.SigmaLimit != d.SigmaLimit))
        {
            throw s.Error(options.SigmaDecay != d.SigmaDecay ? "sigma_decay" : "sigma_limit", $"only the ga decays its sigma; {options.Name} keeps a fixed or self-adapted one");
        }

        if (options.SigmaLimit > options.Sigma)
        {
            throw s.Error("sigma_limit", $"expected at most sigma ({options.Sigma}), got {options.SigmaLimit}");
        }

        s.RejectUnknown();
        return options;
    }

    private static OptimizerOptions BindOptimizer(SectionReader s)
    {
        var d = new OptimizerOptions();
        var options = new OptimizerOptions
        {
            Name = s.Choice("name", d.Name, Optimizers),
            LearningRate = s.Double("learning_rate", d.LearningRate, 0, 1e6, minExclusive: true),
            Beta1 = s.Double("beta1", d.Beta1, 0, 0.999_999_9),
            Beta2 = s.Double("beta2", d.Beta2, 0, 0.999_999_9),
            Epsilon = s.Double("epsilon", d.Epsilon, 0, 1, minExclusive: true),
            Momentum = s.Double("momentum", d.Momentum, 0, 0.999_999_9),
            MaxSpeed = s.Double("max_speed", d.MaxSpeed, 0, 1e6),
        };
        s.RejectUnknown();
        return options;
    }

    private static NoiseOptions BindNoise(SectionReader s)
    {
        var d = new NoiseOptions();
        var options = new NoiseOptions
        {
            TableSize = s.Int("table_size", d.TableSize, 1024, 1 << 30),
            Seed = s.ULong("seed", d.Seed),
        };
        s.RejectUnknown();
        return options;
    }

    private static ObservationNormOptions BindObsNorm(SectionReader s)
    {
        var d = new ObservationNormOptions();
        var options = new ObservationNormOptions
        {
            Enabled = s.Bool("enabled", d.Enabled),
            Fraction = s.Double("fraction", d.Fraction, 0, 1),
        };
        s.RejectUnknown();
        return options;
    }

    private static EvaluationOptions BindEvaluation(SectionReader s)
    {
        var d = new EvaluationOptions();
        var options = new EvaluationOptions
        {
            Every = s.Int("every", d.Every, 1, 10_000_000),
            Episodes = s.Int("episodes", d.Episodes, 1, 1_000_000),
            StopWhenSolved = s.Bool("stop_when_solved", d.StopWhenSolved),
            Threshold = s.OptionalDouble("threshold", -1e300, 1e300),
        };
        s.RejectUnknown();
        return options;
    }

    private static TaskOptions BindTasks(SectionReader s)
    {
        var d = new TaskOptions();
        var options = new TaskOptions
        {
            CandidatesPerTask = s.Int("candidates_per_task", d.CandidatesPerTask, 1, 1_000_000),
            EpisodesPerEvalTask = s.Int("episodes_per_eval_task", d.EpisodesPerEvalTask, 1, 1_000_000),
        };
        s.RejectUnknown();
        return options;
    }

    private static PersistenceOptions BindPersistence(SectionReader s)
    {
        var d = new PersistenceOptions();
        var options = new PersistenceOptions
        {
            Provider = s.Choice("provider", d.Provider, PersistenceProviders),
            SnapshotEvery = s.Int("snapshot_every", d.SnapshotEvery, 1, 1_000_000),
            ConnectionString = s.String("connection_string", d.ConnectionString),
        };
        s.RejectUnknown();
        return options;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
