using System.Text;
using Es.Actors.Serialization;
using Es.Actors.Training;
using Es.Core.Optimizers;
using Es.Core.Strategies;

namespace Es.Actors.Persistence;

/// <summary>
/// The binary form of journal records and snapshots (little-endian, versioned by a magic
/// tag; the snapshot checksum is added by CheckpointSerializer). Doubles and floats are stored as raw bits, so a
/// replayed run sees exactly the numbers the live run saw.
/// </summary>
public static class CheckpointCodec
{
    private const int RecordMagic = 0x314A5345; // "ESJ1"
    private const int FirstSnapshotMagic = 0x31535345; // "ESS1": before strategies had state
    private const int SnapshotMagic = 0x32535345; // "ESS2": the strategy's state at the end

    /// <summary>Encodes a journal record with the run's cumulative wall-clock seconds.</summary>
    public static byte[] EncodeRecord(GenerationRecord record, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(RecordMagic);
            w.Write(record.Generation);
            w.Write(record.HasPopulation);
            w.WriteDoubles(record.Rewards);
            w.WriteObservations(record.Observations);
            w.WriteDoubles(record.EvalReturns);
            w.Write(record.Steps);
            w.Write(wallSeconds);
        }

        return stream.ToArray();
    }

    /// <summary>Decodes a journal record.</summary>
    /// <exception cref="InvalidDataException">The payload is not a record of this format.</exception>
    public static (GenerationRecord Record, double WallSeconds) DecodeRecord(byte[] payload)
    {
        return Decode(payload, RecordMagic, "journal record", r =>
        {
            int generation = r.ReadInt32();
            bool hasPopulation = r.ReadBoolean();
            var rewards = r.ReadDoubles();
            var deltas = r.ReadObservations();
            var eval = r.ReadDoubles();
            long steps = r.ReadInt64();
            double wall = r.ReadDouble();
            return (new GenerationRecord(generation, hasPopulation, rewards, deltas, eval, steps), wall);
        });
    }

    /// <summary>Encodes a snapshot with the run's cumulative wall-clock seconds.</summary>
    public static byte[] EncodeSnapshot(SessionSnapshot snapshot, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(SnapshotMagic);
            w.Write(snapshot.Generation);
            w.WriteFloats(snapshot.Theta);
            w.Write(snapshot.Optimizer.Name);
            w.Write(snapshot.Optimizer.StepCount);
            w.Write(snapshot.Optimizer.Moments.Length);
            foreach (var moment in snapshot.Optimizer.Moments)
            {
                w.WriteFloats(moment);
            }

            w.Write(snapshot.ObservationCount);
            w.WriteDoubles(snapshot.ObservationMean);
            w.WriteDoubles(snapshot.ObservationM2);
            w.Write(snapshot.FinalEvalReturn);
            w.Write(snapshot.BestEvalReturn);
            w.Write(snapshot.SolvedGeneration.HasValue);
            w.Write(snapshot.SolvedGeneration ?? 0);
            w.Write(snapshot.Evaluations);
            w.Write(snapshot.EnvSteps);
            w.Write(snapshot.NoiseFingerprint);
            w.Write(wallSeconds);
            w.Write(snapshot.CandidatesFailed);
            var strategy = snapshot.Strategy ?? StrategyState.Empty(OpenAiEsStrategy.StrategyName);
            w.Write(strategy.Name);
            w.Write(strategy.Reals.Length);
            foreach (var part in strategy.Reals)
            {
                w.WriteDoubles(part);
            }

            w.Write(strategy.Integers.Length);
            foreach (var part in strategy.Integers)
            {
                WriteInts(w, part);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Decodes a snapshot of this format, or of the first one (no strategy state: it then
    /// restores only an openai-es run).
    /// </summary>
    /// <exception cref="InvalidDataException">The payload is not a snapshot of either format.</exception>
    public static (SessionSnapshot Snapshot, double WallSeconds) DecodeSnapshot(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        bool first = payload.Length >= sizeof(int) && System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(payload) == FirstSnapshotMagic;
        return Decode(payload, first ? FirstSnapshotMagic : SnapshotMagic, "snapshot", r =>
        {
            int generation = r.ReadInt32();
            var theta = r.ReadFloats();
            var optimizerName = r.ReadString();
            long steps = r.ReadInt64();
            var moments = new float[r.ReadCount(sizeof(int))][]; // each moment is at least its count
            for (int i = 0; i < moments.Length; i++)
            {
                moments[i] = r.ReadFloats();
            }

            long count = r.ReadInt64();
            var mean = r.ReadDoubles();
            var m2 = r.ReadDoubles();
            double final = r.ReadDouble();
            double best = r.ReadDouble();
            bool solved = r.ReadBoolean();
            int solvedGeneration = r.ReadInt32();
            long evaluations = r.ReadInt64();
            long envSteps = r.ReadInt64();
            ulong fingerprint = r.ReadUInt64();
            double wall = r.ReadDouble();
            long candidatesFailed = r.ReadInt64();
            var strategy = first ? null : ReadStrategy(r);
            var snapshot = new SessionSnapshot(
                generation, theta, new OptimizerState(optimizerName, steps, moments), count, mean, m2,
                final, best, solved ? solvedGeneration : null, evaluations, envSteps, fingerprint, candidatesFailed, strategy);
            return (snapshot, wall);
        });
    }

    private static StrategyState ReadStrategy(BinaryReader r)
    {
        string name = r.ReadString();
        var reals = new double[r.ReadCount(sizeof(int))][]; // each part is at least its count
        for (int i = 0; i < reals.Length; i++)
        {
            reals[i] = r.ReadDoubles();
        }

        var integers = new int[r.ReadCount(sizeof(int))][];
        for (int i = 0; i < integers.Length; i++)
        {
            integers[i] = ReadInts(r);
        }

        return new StrategyState(name, reals, integers);
    }

    private static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        foreach (int v in values)
        {
            writer.Write(v);
        }
    }

    private static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[reader.ReadCount(sizeof(int))];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    private static T Decode<T>(byte[] payload, int magic, string what, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            if (reader.ReadInt32() != magic)
            {
                throw new InvalidDataException($"not a {what} of this format");
            }

            var value = read(reader);
            if (reader.BaseStream.Position != payload.Length)
            {
                throw new InvalidDataException($"{what} has {payload.Length - reader.BaseStream.Position} trailing bytes");
            }

            return value;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{what} is truncated ({e.Message})", e);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or OutOfMemoryException)
        {
            throw new InvalidDataException($"{what} is malformed: {e.Message}", e);
        }
    }
}
