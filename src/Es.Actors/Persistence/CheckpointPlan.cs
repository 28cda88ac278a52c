using Akka.Persistence;

namespace Es.Actors.Persistence;

/// <summary>How a coordinator checkpoints its run.</summary>
/// <param name="RunId">The run: the journal's persistence id.</param>
/// <param name="Env">Environment name, for the run's first event.</param>
/// <param name="ConfigJson">The resolved configuration, for the run's first event.</param>
/// <param name="SnapshotEvery">A snapshot every this many generations (and at the end).</param>
public sealed record CheckpointPlan(string RunId, string Env, string ConfigJson, int SnapshotEvery)
{
    /// <summary>Which snapshots recovery may start from (<see cref="SnapshotChooser"/> passes over corrupt ones); default: the newest.</summary>
    public SnapshotSelectionCriteria From { get; init; } = SnapshotSelectionCriteria.Latest;

    /// <summary>Snapshots kept: the newest and the one before it, so a corrupt newest one still leaves one to recover from.</summary>
    public const int SnapshotsKept = 2;
}
