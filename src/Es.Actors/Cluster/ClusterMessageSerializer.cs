using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using Es.Actors.Fabric;
using Es.Actors.Persistence;
using Es.Actors.Serialization;

namespace Es.Actors.Cluster;

/// <summary>
/// The binary form of every <see cref="IClusterMessage"/>: a short string manifest names the
/// type, the body is little-endian fields (<see cref="BinaryFields"/>). The first field of
/// <see cref="RegisterPool"/> and <see cref="PoolWelcome"/> is the protocol version and the
/// body of <see cref="PoolRefused"/> is two versions, so nodes of any version can read a
/// refusal. A payload that does not decode (unknown manifest, malformed or trailing bytes)
/// is counted in <see cref="Rejected"/> and thrown as <see cref="SerializationException"/>:
/// Akka.Remote drops that one message and the node goes on.
/// </summary>
public sealed class ClusterMessageSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's id in Akka's registry (project range, above Akka's own).</summary>
    public const int Id = 4712;

    /// <summary>The HOCON that binds <see cref="IClusterMessage"/> to this serializer.</summary>
    public const string Binding = """
        akka.actor {
          serializers { es-cluster = "Es.Actors.Cluster.ClusterMessageSerializer, Es.Actors" }
          serialization-bindings { "Es.Actors.Cluster.IClusterMessage, Es.Actors" = es-cluster }
          serialization-identifiers { "Es.Actors.Cluster.ClusterMessageSerializer, Es.Actors" = 4712 }
        }
        """;

    private static long _rejected;
    private static long _bytesWritten;
    private static long _bytesRead;

    /// <summary>Created by Akka's serialization extension.</summary>
    public ClusterMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>Payloads rejected in this process (unknown manifest or malformed bytes).</summary>
    public static long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Payload bytes this process wrote for the wire (Akka's envelope not included).</summary>
    public static long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Payload bytes this process read from the wire.</summary>
    public static long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        RegisterPool => "reg",
        PoolRefused => "ref",
        PoolWelcome => "wel",
        SnapshotChunk => "chk",
        GenerationStarted => "gen",
        RequestTasks => "req",
        TaskBatch => "tsk",
        PoolResult => "res",
        ResyncRequest => "rsy",
        RunFinished => "fin",
        RunFinishedSeen => "fsn",
        _ => throw new ArgumentException($"{o?.GetType().Name} is not a cluster message", nameof(o)),
    };

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            Write(w, obj);
        }

        Interlocked.Add(ref _bytesWritten, stream.Length);
        return stream.ToArray();
    }

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Interlocked.Add(ref _bytesRead, bytes.Length);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            object message = manifest switch
            {
                "reg" => ReadRegister(r),
                "ref" => new PoolRefused(r.ReadUInt16(), r.ReadUInt16()),
                "wel" => ReadWelcome(r),
                "chk" => new SnapshotChunk(r.ReadInt32(), r.ReadInt32(), r.ReadByteArray()),
                "gen" => ReadGeneration(r),
                "req" => new RequestTasks(r.ReadInt32(), r.ReadInt32()),
                "tsk" => ReadBatch(r),
                "res" => ReadResult(r),
                "rsy" => new ResyncRequest(r.ReadInt32()),
                "fin" => new RunFinished(r.ReadString()),
                "fsn" => new RunFinishedSeen(r.ReadInt32()),
                _ => throw new InvalidDataException($"unknown manifest '{manifest}'"),
            };
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException("trailing bytes");
            }

            return message;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or ArgumentException or FormatException or OverflowException or DecoderFallbackException)
        {
            Interlocked.Increment(ref _rejected);
            throw new SerializationException($"rejected a cluster message (manifest '{manifest}', {bytes.Length} bytes): {e.Message}", e);
        }
    }

    private static void Write(BinaryWriter w, object obj)
    {
        switch (obj)
        {
            case RegisterPool m:
                w.Write(m.Version);
                w.Write(m.NodeId);
                w.Write(m.Workers);
                break;
            case PoolRefused m:
                w.Write(m.CoordinatorVersion);
                w.Write(m.NodeVersion);
                break;
            case PoolWelcome m:
                w.Write(m.Version);
                w.Write(m.Registration);
                w.Write(m.RunId);
                w.Write(m.ConfigJson);
                w.Write(m.SnapshotLength);
                w.Write(m.Chunks);
                break;
            case SnapshotChunk m:
                w.Write(m.Registration);
                w.Write(m.Index);
                w.WriteByteArray(m.Bytes);
                break;
            case GenerationStarted m:
                w.Write(m.Generation);
                w.WriteByteArray(m.ThetaHash);
                w.Write(m.Previous is not null);
                if (m.Previous is not null)
                {
                    w.WriteByteArray(CheckpointCodec.EncodeRecord(m.Previous, 0));
                }

                break;
            case RequestTasks m:
                w.Write(m.Registration);
                w.Write(m.Count);
                break;
            case TaskBatch m:
                w.Write(m.Tasks.Length);
                foreach (var task in m.Tasks)
                {
                    WriteTask(w, task);
                }

                break;
            case PoolResult m:
                w.Write(m.Registration);
                w.Write(m.EvaluatorRestarts);
                w.Write(m.CandidatesRetried);
                w.Write(m.Asking);
                WriteTask(w, m.Result.Task);
                w.WriteDoubles(m.Result.Returns);
                w.Write(m.Result.Steps);
                w.WriteObservations(m.Result.Observations);
                w.Write(m.Result.Error ?? string.Empty);
                break;
            case ResyncRequest m:
                w.Write(m.Registration);
                break;
            case RunFinished m:
                w.Write(m.Status);
                break;
            case RunFinishedSeen m:
                w.Write(m.Registration);
                break;
            default:
                throw new ArgumentException($"{obj?.GetType().Name} is not a cluster message", nameof(obj));
        }
    }

    /// <summary>A registration of another version is read as far as its version (the refusal names it).</summary>
    private static RegisterPool ReadRegister(BinaryReader r)
    {
        ushort version = r.ReadUInt16();
        if (version != ClusterProtocol.Version)
        {
            r.BaseStream.Position = r.BaseStream.Length;
            return new RegisterPool(version, string.Empty, 0);
        }

        return new RegisterPool(version, r.ReadString(), r.ReadInt32());
    }

    private static PoolWelcome ReadWelcome(BinaryReader r)
    {
        ushort version = r.ReadUInt16();
        if (version != ClusterProtocol.Version)
        {
            r.BaseStream.Position = r.BaseStream.Length;
            return new PoolWelcome(version, 0, string.Empty, string.Empty, 0, 0);
        }

        var welcome = new PoolWelcome(version, r.ReadInt32(), r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt32());
        if (welcome.SnapshotLength < 0 || welcome.Chunks < 0 || (long)welcome.Chunks * ClusterProtocol.ChunkBytes < welcome.SnapshotLength)
        {
            throw new InvalidDataException($"a welcome of {welcome.SnapshotLength} bytes in {welcome.Chunks} chunks");
        }

        return welcome;
    }

    private static GenerationStarted ReadGeneration(BinaryReader r)
    {
        int generation = r.ReadInt32();
        var hash = r.ReadByteArray();
        var previous = r.ReadBoolean() ? CheckpointCodec.DecodeRecord(r.ReadByteArray()).Record : null;
        if (generation < 0 || hash.Length != 32)
        {
            throw new InvalidDataException($"a generation broadcast for generation {generation} with a {hash.Length}-byte hash");
        }

        return new GenerationStarted(generation, hash, previous);
    }

    private static TaskBatch ReadBatch(BinaryReader r)
    {
        var tasks = new EvaluationTask[r.ReadCount(13)];
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = ReadTask(r);
        }

        return new TaskBatch(tasks);
    }

    private static PoolResult ReadResult(BinaryReader r)
    {
        int registration = r.ReadInt32();
        long restarts = r.ReadInt64();
        long retried = r.ReadInt64();
        int asking = r.ReadInt32();
        var task = ReadTask(r);
        var returns = r.ReadDoubles();
        long steps = r.ReadInt64();
        var observations = r.ReadObservations();
        string error = r.ReadString();
        if (returns.Length != task.Count || restarts < 0 || retried < 0 || steps < 0 || asking < 0)
        {
            throw new InvalidDataException($"a result for {task} with {returns.Length} returns, {steps} steps, asking for {asking}");
        }

        var result = new TaskResult(task, returns, steps, observations) { Error = error.Length == 0 ? null : error };
        return new PoolResult(registration, result, restarts, retried, asking);
    }

    private static void WriteTask(BinaryWriter w, EvaluationTask task)
    {
        w.Write(task.Generation);
        w.Write((byte)task.Kind);
        w.Write(task.First);
        w.Write(task.Count);
    }

    private static EvaluationTask ReadTask(BinaryReader r)
    {
        int generation = r.ReadInt32();
        byte kind = r.ReadByte();
        int first = r.ReadInt32();
        int count = r.ReadInt32();
        if (kind > (byte)TaskKind.Evaluation || generation < 0 || first < 0 || count < 1)
        {
            throw new InvalidDataException($"malformed task (generation {generation}, kind {kind}, first {first}, count {count})");
        }

        return new EvaluationTask(generation, (TaskKind)kind, first, count);
    }
}
