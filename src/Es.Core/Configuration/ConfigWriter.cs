using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Es.Core.Configuration;

/// <summary>Writes a resolved configuration as JSON with every key, and hashes it.</summary>
public static class ConfigWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The resolved configuration as an indented JSON document (snake_case keys).</summary>
    public static string ToJson(TrainingConfig config) => ToNode(config).ToJsonString(Indented);

    /// <summary>
    /// SHA-256 (hex) of the compact resolved JSON: two processes agree on a run's
    /// configuration exactly when their hashes match.
    /// </summary>
    public static string Hash(TrainingConfig config)
    {
        var bytes = Encoding.UTF8.GetBytes(ToNode(config).ToJsonString());
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The resolved configuration as a JSON tree.</summary>
    public static JsonObject ToNode(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new JsonObject
        {
            ["seed"] = config.Seed,
            ["generations"] = config.Generations,
            ["env"] = new JsonObject
            {
                ["name"] = config.Env.Name,
                ["dimension"] = config.Env.Dimension,
                ["max_steps"] = config.Env.MaxSteps,
                ["start"] = config.Env.Start,
            },
            ["policy"] = new JsonObject
            {
                ["hidden"] = new JsonArray([.. config.Policy.Hidden.Select(h => JsonValue.Create(h))]),
                ["activation"] = config.Policy.Activation,
            },
            ["strategy"] = new JsonObject
            {
                ["name"] = config.Strategy.Name,
                ["population"] = config.Strategy.Population,
                ["sigma"] = config.Strategy.Sigma,
                ["shaping"] = config.Strategy.Shaping,
                ["l2"] = config.Strategy.L2,
                ["episodes_per_candidate"] = config.Strategy.EpisodesPerCandidate,
                ["reward_shift"] = config.Strategy.RewardShift,
                ["center_learning_rate"] = config.Strategy.CenterLearningRate,
                ["stdev_learning_rate"] = config.Strategy.StdevLearningRate,
                ["stdev_max_change"] = config.Strategy.StdevMaxChange,
                ["top_directions"] = config.Strategy.TopDirections,
                ["truncation"] = config.Strategy.Truncation,
                ["sigma_decay"] = config.Strategy.SigmaDecay,
                ["sigma_limit"] = config.Strategy.SigmaLimit,
            },
            ["optimizer"] = new JsonObject
            {
                ["name"] = config.Optimizer.Name,
                ["learning_rate"] = config.Optimizer.LearningRate,
                ["beta1"] = config.Optimizer.Beta1,
                ["beta2"] = config.Optimizer.Beta2,
                ["epsilon"] = config.Optimizer.Epsilon,
                ["momentum"] = config.Optimizer.Momentum,
                ["max_speed"] = config.Optimizer.MaxSpeed,
            },
            ["noise"] = new JsonObject
            {
                ["table_size"] = config.Noise.TableSize,
                ["seed"] = config.Noise.Seed,
            },
            ["obs_norm"] = new JsonObject
            {
                ["enabled"] = config.ObsNorm.Enabled,
                ["fraction"] = config.ObsNorm.Fraction,
            },
            ["evaluation"] = new JsonObject
            {
                ["every"] = config.Evaluation.Every,
                ["episodes"] = config.Evaluation.Episodes,
                ["stop_when_solved"] = config.Evaluation.StopWhenSolved,
                ["threshold"] = config.Evaluation.Threshold,
            },
            ["tasks"] = new JsonObject
            {
                ["candidates_per_task"] = config.Tasks.CandidatesPerTask,
                ["episodes_per_eval_task"] = config.Tasks.EpisodesPerEvalTask,
            },
            ["persistence"] = new JsonObject
            {
                ["provider"] = config.Persistence.Provider,
                ["snapshot_every"] = config.Persistence.SnapshotEvery,
                ["connection_string"] = config.Persistence.ConnectionString,
            },
            ["supervision"] = new JsonObject
            {
                ["max_restarts"] = config.Supervision.MaxRestarts,
                ["restart_window_seconds"] = config.Supervision.RestartWindowSeconds,
                ["backoff_min_ms"] = config.Supervision.BackoffMinMs,
                ["backoff_max_ms"] = config.Supervision.BackoffMaxMs,
                ["task_deadline_seconds"] = config.Supervision.TaskDeadlineSeconds,
                ["max_attempts"] = config.Supervision.MaxAttempts,
                ["max_failed_fraction"] = config.Supervision.MaxFailedFraction,
            },
            ["chaos"] = new JsonObject
            {
                ["evaluator_crash_rate"] = config.Chaos.EvaluatorCrashRate,
                ["evaluator_hang_rate"] = config.Chaos.EvaluatorHangRate,
            },
            ["akka"] = JsonNode.Parse(config.AkkaOverrides),
        };
    }
}
