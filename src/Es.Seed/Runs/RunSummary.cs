using System.Text.Json.Serialization;

namespace Es.Seed.Runs;

/// <summary>The contents of <c>summary.json</c> (field names fixed by DESIGN.md; scripts read them).</summary>
public sealed record RunSummary
{
    /// <summary>The run's id (its directory name).</summary>
    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    /// <summary>The environment or function name.</summary>
    [JsonPropertyName("env")]
    public required string Env { get; init; }

    /// <summary>The strategy name.</summary>
    [JsonPropertyName("strategy")]
    public required string Strategy { get; init; }

    /// <summary>Updates applied to θ (of a failed run: those its coordinator had applied; the last may not be durable yet).</summary>
    [JsonPropertyName("generations_completed")]
    public int GenerationsCompleted { get; init; }

    /// <summary>Candidate evaluations.</summary>
    [JsonPropertyName("evaluations")]
    public long Evaluations { get; init; }

    /// <summary>Environment steps, candidates and evaluation episodes together.</summary>
    [JsonPropertyName("env_steps")]
    public long EnvSteps { get; init; }

    /// <summary>Wall-clock seconds from start to finish.</summary>
    [JsonPropertyName("wall_seconds")]
    public double WallSeconds { get; init; }

    /// <summary>Mean evaluation return of the final θ; null when never evaluated.</summary>
    [JsonPropertyName("final_eval_return")]
    public double? FinalEvalReturn { get; init; }

    /// <summary>Best mean evaluation return seen.</summary>
    [JsonPropertyName("best_eval_return")]
    public double? BestEvalReturn { get; init; }

    /// <summary>True when an evaluation reached the environment's threshold.</summary>
    [JsonPropertyName("solved")]
    public bool Solved { get; init; }

    /// <summary>The first generation whose evaluation reached the threshold.</summary>
    [JsonPropertyName("solved_generation")]
    public int? SolvedGeneration { get; init; }

    /// <summary>SHA-256 of the final θ as little-endian float32 bytes (of a failed run: the θ its coordinator had reached).</summary>
    [JsonPropertyName("theta_sha256")]
    public required string ThetaSha256 { get; init; }

    /// <summary>Evaluator restarts ordered by supervisors.</summary>
    [JsonPropertyName("evaluator_restarts")]
    public long EvaluatorRestarts { get; init; }

    /// <summary>Tasks handed out again after the evaluator holding them failed.</summary>
    [JsonPropertyName("tasks_redelivered")]
    public long TasksRedelivered { get; init; }

    /// <summary>Worker nodes up when the run ended (cluster runs only).</summary>
    [JsonPropertyName("nodes_up")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NodesUp { get; init; }

    /// <summary>Worker nodes lost during the run: silent past the timeout (cluster runs only).</summary>
    [JsonPropertyName("nodes_lost")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NodesLost { get; init; }

    /// <summary>Candidates scored again because the evaluator holding them failed, hung or was lost.</summary>
    [JsonPropertyName("candidates_retried")]
    public long CandidatesRetried { get; init; }

    /// <summary>Candidates given up on after every attempt, or with a NaN/infinite reward (dropped with their partners).</summary>
    [JsonPropertyName("candidates_failed")]
    public long CandidatesFailed { get; init; }

    /// <summary>Results that arrived after their generation had closed (e.g. from a node whose link came back), ignored (cluster runs only).</summary>
    [JsonPropertyName("stale_results")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? StaleResults { get; init; }

    /// <summary>Why the run ended: finished, solved, interrupted or failed.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>What failed (failed runs only).</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
