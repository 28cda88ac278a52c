using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Actors.Cluster;

/// <summary>How a generation broadcast related to a replica.</summary>
public enum ReplicaStep
{
    /// <summary>Old news: nothing to do.</summary>
    Ignored,

    /// <summary>The replica applied the record and its θ hash matches.</summary>
    Advanced,

    /// <summary>The replica already was at that generation, with the same θ.</summary>
    InStep,

    /// <summary>A record is missing or the hash differs: the node must ask for a fresh snapshot.</summary>
    OutOfStep,
}

/// <summary>
/// A worker node's copy of the session: restored once from the coordinator's snapshot,
/// then advanced with <see cref="TrainingSession.Replay"/> on each broadcast record, the
/// very code the coordinator ran, so θ is bit for bit the coordinator's. Not thread-safe:
/// the node's control consumer owns it; <see cref="View"/> is safe to read anywhere.
/// </summary>
public sealed class NodeReplica
{
    private readonly TrainingConfig _config;
    private readonly NoiseTable _noise;
    private TrainingSession _session;
    private volatile GenerationView _view;

    /// <summary>Restores a replica from a welcome's snapshot.</summary>
    /// <exception cref="InvalidDataException">The snapshot does not decode or fit the configuration.</exception>
    public NodeReplica(TrainingConfig config, NoiseTable noise, string runId, byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(noise);
        _config = config;
        _noise = noise;
        RunId = runId;
        _session = Restore(snapshot);
        _view = MakeView();
    }

    /// <summary>The run this replica follows.</summary>
    public string RunId { get; }

    /// <summary>The configuration of the run.</summary>
    public TrainingConfig Config => _config;

    /// <summary>The noise table.</summary>
    public NoiseTable Noise => _noise;

    /// <summary>The generation the replica is at.</summary>
    public int Generation => _view.Generation;

    /// <summary>θ, filter and σ of <see cref="Generation"/> (frozen).</summary>
    public GenerationView View => _view;

    /// <summary>Replaces the state with a fresher snapshot (a resync); older snapshots are ignored.</summary>
    /// <returns>True when the replica moved to the snapshot.</returns>
    public bool Reset(byte[] snapshot)
    {
        var (decoded, _) = CheckpointCodec.DecodeSnapshot(snapshot);
        if (decoded.Generation < Generation)
        {
            return false;
        }

        _session = Restore(snapshot);
        _view = MakeView();
        return true;
    }

    /// <summary>Follows a generation broadcast.</summary>
    public ReplicaStep Apply(GenerationStarted message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Generation < Generation)
        {
            return ReplicaStep.Ignored;
        }

        if (message.Generation == Generation)
        {
            return HashMatches(message) ? ReplicaStep.InStep : ReplicaStep.OutOfStep;
        }

        if (message.Generation != Generation + 1 || message.Previous is null || message.Previous.Generation != Generation || _session.IsFinished)
        {
            return ReplicaStep.OutOfStep;
        }

        try
        {
            _session.Replay(message.Previous);
        }
        catch (InvalidDataException)
        {
            return ReplicaStep.OutOfStep;
        }

        if (_session.Generation != message.Generation)
        {
            return ReplicaStep.OutOfStep; // a solved round is not followed by another; be safe
        }

        _view = MakeView();
        return HashMatches(message) ? ReplicaStep.Advanced : ReplicaStep.OutOfStep;
    }

    private bool HashMatches(GenerationStarted message) => ThetaHash.Matches(_view.Theta, message.ThetaHash);

    private TrainingSession Restore(byte[] snapshot)
    {
        var (decoded, _) = CheckpointCodec.DecodeSnapshot(snapshot);
        var session = new TrainingSession(_config, _noise, ProblemFactory.Create(_config));
        session.Restore(decoded);
        return session;
    }

    // The session's own view: θ, filter, σ and the strategy's candidate recipe, as the coordinator publishes it.
    private GenerationView MakeView() => _session.CurrentView();
}
