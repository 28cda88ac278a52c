using System.Text;
using Es.Actors.Fabric;
using Es.Actors.Persistence;
using Es.Actors.Serialization;

namespace Es.Actors.Cluster;

/// <summary>
/// The binary form of the cluster's messages: a fixed header (magic "ESW1", protocol
/// version, message type) and a little-endian body. The header and the body of
/// <see cref="RefusedMessage"/> never change, so nodes of any version can read a refusal.
/// Anything that does not decode is reported as <see cref="InvalidDataException"/>, never
/// another exception type: the caller dead-letters and counts it.
/// </summary>
public static class WireProtocol
{
    /// <summary>The protocol version this build speaks; nodes of another version are refused.</summary>
    /// <remarks>
    /// 2: the welcome's configuration carries an <c>akka</c> section, which a version-1 node
    /// would reject as an unknown key; refusing it says so plainly.
    /// </remarks>
    public const ushort Version = 2;

    private const int Magic = 0x31575345; // "ESW1"

    private enum Kind : byte
    {
        Task = 1,
        Result = 2,
        Generation = 3,
        Finished = 4,
        Join = 5,
        Welcome = 6,
        Heartbeat = 7,
        Leave = 8,
        Refused = 9,
    }

    /// <summary>Encodes a message with this build's protocol version.</summary>
    public static byte[] Encode(WireMessage message) => Encode(message, Version);

    /// <summary>Encodes a message with an explicit protocol version (tests use it to play an older node).</summary>
    public static byte[] Encode(WireMessage message, ushort version)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(version);
            switch (message)
            {
                case TaskMessage m:
                    w.Write((byte)Kind.Task);
                    w.Write(m.RunKey);
                    WriteTask(w, m.Task);
                    break;
                case ResultMessage m:
                    w.Write((byte)Kind.Result);
                    w.Write(m.RunKey);
                    w.Write(m.NodeId);
                    w.Write(m.Redelivered);
                    WriteTask(w, m.Result.Task);
                    w.WriteDoubles(m.Result.Returns);
                    w.Write(m.Result.Steps);
                    w.WriteObservations(m.Result.Observations);
                    break;
                case GenerationMessage m:
                    w.Write((byte)Kind.Generation);
                    w.Write(m.RunKey);
                    w.Write(m.Epoch);
                    w.Write(m.Generation);
                    w.WriteByteArray(m.ThetaHash);
                    w.Write(m.Previous is not null);
                    if (m.Previous is not null)
                    {
                        w.WriteByteArray(CheckpointCodec.EncodeRecord(m.Previous, 0));
                    }

                    break;
                case FinishedMessage m:
                    w.Write((byte)Kind.Finished);
                    w.Write(m.RunKey);
                    w.Write(m.Status);
                    break;
                case JoinMessage m:
                    w.Write((byte)Kind.Join);
                    w.Write(m.NodeId);
                    w.Write(m.Host);
                    w.Write(m.Workers);
                    w.Write(m.ReplyQueue);
                    w.Write(m.Resync);
                    break;
                case WelcomeMessage m:
                    w.Write((byte)Kind.Welcome);
                    w.Write(m.RunKey);
                    w.Write(m.RunId);
                    w.Write(m.ConfigJson);
                    w.WriteByteArray(m.Snapshot);
                    break;
                case HeartbeatMessage m:
                    w.Write((byte)Kind.Heartbeat);
                    w.Write(m.NodeId);
                    w.Write(m.Generation);
                    break;
                case LeaveMessage m:
                    w.Write((byte)Kind.Leave);
                    w.Write(m.NodeId);
                    break;
                case RefusedMessage m:
                    w.Write((byte)Kind.Refused);
                    w.Write(m.Reason);
                    break;
                default:
                    throw new ArgumentException($"Unknown message type {message.GetType().Name}.", nameof(message));
            }
        }

        return stream.ToArray();
    }

    /// <summary>Decodes a message.</summary>
    /// <exception cref="ProtocolVersionException">A well-formed message of another protocol version (not an <see cref="InvalidDataException"/>).</exception>
    /// <exception cref="InvalidDataException">Anything else that is not a message of this protocol.</exception>
    public static WireMessage Decode(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var stream = new MemoryStream(payload.ToArray(), writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            if (stream.Length < 7 || r.ReadInt32() != Magic)
            {
                throw new InvalidDataException("not an EsAkka cluster message (bad magic)");
            }

            ushort version = r.ReadUInt16();
            var kind = (Kind)r.ReadByte();
            if (kind == Kind.Refused)
            {
                return Done(r, new RefusedMessage(r.ReadString()));
            }

            if (version != Version)
            {
                throw new ProtocolVersionException(version);
            }

            WireMessage message = kind switch
            {
                Kind.Task => new TaskMessage(r.ReadUInt64(), ReadTask(r)),
                Kind.Result => ReadResult(r),
                Kind.Generation => ReadGeneration(r),
                Kind.Finished => new FinishedMessage(r.ReadUInt64(), r.ReadString()),
                Kind.Join => new JoinMessage(r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadString(), r.ReadBoolean()),
                Kind.Welcome => new WelcomeMessage(r.ReadUInt64(), r.ReadString(), r.ReadString(), r.ReadByteArray()),
                Kind.Heartbeat => new HeartbeatMessage(r.ReadString(), r.ReadInt32()),
                Kind.Leave => new LeaveMessage(r.ReadString()),
                _ => throw new InvalidDataException($"unknown message type {(byte)kind}"),
            };
            return Done(r, message);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException or OverflowException or DecoderFallbackException)
        {
            throw new InvalidDataException($"malformed cluster message: {e.Message}", e);
        }
    }

    private static WireMessage Done(BinaryReader r, WireMessage message)
    {
        if (r.BaseStream.Position != r.BaseStream.Length)
        {
            throw new InvalidDataException("malformed cluster message: trailing bytes");
        }

        return message;
    }

    private static ResultMessage ReadResult(BinaryReader r)
    {
        ulong runKey = r.ReadUInt64();
        string node = r.ReadString();
        bool redelivered = r.ReadBoolean();
        var task = ReadTask(r);
        var returns = r.ReadDoubles();
        long steps = r.ReadInt64();
        var observations = r.ReadObservations();

        if (returns.Length != task.Count)
        {
            throw new InvalidDataException($"a result for {task} carries {returns.Length} returns");
        }

        return new ResultMessage(runKey, node, redelivered, new TaskResult(task, returns, steps, observations));
    }

    private static GenerationMessage ReadGeneration(BinaryReader r)
    {
        ulong runKey = r.ReadUInt64();
        long epoch = r.ReadInt64();
        int generation = r.ReadInt32();
        var hash = r.ReadByteArray();
        var previous = r.ReadBoolean() ? CheckpointCodec.DecodeRecord(r.ReadByteArray()).Record : null;
        return new GenerationMessage(runKey, epoch, generation, hash, previous);
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
