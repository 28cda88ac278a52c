namespace Es.Dashboard.Model;

/// <summary>What the dashboard lists about a run.</summary>
/// <param name="RunId">The run's id (its directory name).</param>
/// <param name="Env">The environment or function.</param>
/// <param name="Strategy">The strategy.</param>
/// <param name="Seed">The run's RNG seed, to tell overlaid runs apart.</param>
/// <param name="GenerationsPlanned">The configured generation limit.</param>
/// <param name="SolvedThreshold">The evaluation return that counts as solved, when known.</param>
/// <param name="Status">running, finished, solved, interrupted, or "no summary" (running elsewhere or crashed).</param>
/// <param name="Generations">Rounds recorded so far.</param>
/// <param name="BestEvalReturn">Best evaluation return so far.</param>
public sealed record RunInfo(
    string RunId,
    string Env,
    string Strategy,
    string Seed,
    int GenerationsPlanned,
    double? SolvedThreshold,
    string Status,
    int Generations,
    double? BestEvalReturn);
