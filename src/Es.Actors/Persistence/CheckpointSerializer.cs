using System.Security.Cryptography;
using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace Es.Actors.Persistence;

/// <summary>
/// Akka serializer for the journal's events and the snapshots: raw little-endian bits
/// (<see cref="CheckpointCodec"/>; never JSON for vectors, which would also round doubles),
/// and a SHA-256 inside each snapshot so a damaged one is recognised and passed over
/// (<see cref="CorruptSnapshot"/>) instead of restoring a wrong θ. Bound in
/// <see cref="RunPersistence"/>.
/// </summary>
public sealed class CheckpointSerializer : SerializerWithStringManifest
{
    /// <summary>This serializer's id in Akka's registry (ours are 4700–4799).</summary>
    public const int Id = 4701;

    private const string StartedManifest = "es.started.1";
    private const string TenureManifest = "es.tenure.1";
    private const string GenerationManifest = "es.generation.1";
    private const string EndedManifest = "es.ended.1";
    private const string SnapshotManifest = "es.snapshot.2"; // the strategy's state inside
    private const string FirstSnapshotManifest = "es.snapshot.1"; // still read: openai-es runs resume from it
    private const int ChecksumBytes = 32;

    /// <summary>Created by Akka's serialization extension.</summary>
    public CheckpointSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        RunStarted => StartedManifest,
        TenureStarted => TenureManifest,
        GenerationJournaled => GenerationManifest,
        RunEnded => EndedManifest,
        CheckpointSnapshot => SnapshotManifest,
        _ => throw new ArgumentException($"{o?.GetType().Name} is not a checkpoint type", nameof(o)),
    };

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) => obj switch
    {
        RunStarted started => Strings(started.Env, started.ConfigJson),
        TenureStarted tenure => Strings(tenure.Host, tenure.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        GenerationJournaled generation => generation.Encoded,
        RunEnded ended => Strings(ended.Status),
        CheckpointSnapshot snapshot => snapshot.Sealed,
        _ => throw new ArgumentException($"{obj?.GetType().Name} is not a checkpoint type", nameof(obj)),
    };

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        switch (manifest)
        {
            case StartedManifest:
                var started = ReadStrings(bytes, 2);
                return new RunStarted(started[0], started[1]);
            case TenureManifest:
                var tenure = ReadStrings(bytes, 2);
                return new TenureStarted(tenure[0], int.Parse(tenure[1], System.Globalization.CultureInfo.InvariantCulture));
            case GenerationManifest:
                var (record, wall) = CheckpointCodec.DecodeRecord(bytes);
                return new GenerationJournaled(record, wall);
            case EndedManifest:
                return new RunEnded(ReadStrings(bytes, 1)[0]);
            case SnapshotManifest:
            case FirstSnapshotManifest:
                return Unseal(bytes);
            default:
                throw new SerializationException($"unknown checkpoint manifest \"{manifest}\" (written by another EsAkka version?)");
        }
    }

    /// <summary>Appends the tenure count and then the SHA-256 of everything before it.</summary>
    internal static byte[] Seal(byte[] session, long tenures)
    {
        var sealedBytes = new byte[session.Length + sizeof(long) + ChecksumBytes];
        session.CopyTo(sealedBytes, 0);
        BinaryPrimitives.WriteInt64LittleEndian(sealedBytes.AsSpan(session.Length), tenures);
        int payload = session.Length + sizeof(long);
        SHA256.HashData(sealedBytes.AsSpan(0, payload), sealedBytes.AsSpan(payload));
        return sealedBytes;
    }

    private static object Unseal(byte[] bytes)
    {
        if (bytes.Length < sizeof(long) + ChecksumBytes)
        {
            return new CorruptSnapshot($"{bytes.Length} bytes, shorter than its checksum");
        }

        var payload = bytes.AsSpan(0, bytes.Length - ChecksumBytes);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumBytes)))
        {
            return new CorruptSnapshot("checksum mismatch");
        }

        try
        {
            var (session, wall) = CheckpointCodec.DecodeSnapshot(payload[..^sizeof(long)].ToArray());
            return new CheckpointSnapshot(session, wall, BinaryPrimitives.ReadInt64LittleEndian(payload[^sizeof(long)..]));
        }
        catch (InvalidDataException e)
        {
            return new CorruptSnapshot(e.Message);
        }
    }

    private static byte[] Strings(params string[] values)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var value in values)
            {
                writer.Write(value);
            }
        }

        return stream.ToArray();
    }

    private static string[] ReadStrings(byte[] bytes, int count)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            var values = new string[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = reader.ReadString();
            }

            return values;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            throw new SerializationException($"a malformed checkpoint event: {e.Message}", e);
        }
    }
}
