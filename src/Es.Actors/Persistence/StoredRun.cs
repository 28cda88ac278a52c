namespace Es.Actors.Persistence;

/// <summary>A run as the store lists it.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Env">Environment or function name.</param>
/// <param name="ConfigJson">The resolved configuration the run was started with.</param>
/// <param name="Epoch">The current coordinator epoch.</param>
/// <param name="Status">running, finished, solved, interrupted or failed as last written; see <see cref="CheckpointStore.EffectiveStatus"/>.</param>
/// <param name="Generations">Generations journaled.</param>
/// <param name="BestEvalReturn">Best evaluation return journaled, if any.</param>
/// <param name="OwnerHost">Host of the coordinator that last acquired the run.</param>
/// <param name="OwnerPid">Its process id.</param>
/// <param name="UpdatedAt">When the run was last written (UTC, ISO 8601).</param>
public sealed record StoredRun(
    string RunId,
    string Env,
    string ConfigJson,
    long Epoch,
    string Status,
    int Generations,
    double? BestEvalReturn,
    string OwnerHost,
    int OwnerPid,
    string UpdatedAt);
