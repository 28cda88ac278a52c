using BenchmarkDotNet.Attributes;
using Es.Core.Noise;
using Es.Core.Randomness;
using Es.Core.Strategies;

namespace Es.Benchmarks;

/// <summary>
/// Noise-table generation (vectorised Box–Muller, one thread) against the scalar reference,
/// and the fused gradient accumulation against its plain definition.
/// </summary>
[MemoryDiagnoser]
public class NoiseBenchmarks
{
    private const int TableValues = 1 << 20;
    private NoiseTable _table = null!;
    private int[] _offsets = [];
    private float[] _weights = [];
    private float[] _gradient = [];

    [Params(100_000)]
    public int Dimension { get; set; }

    [Params(64)]
    public int Slices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _table = new NoiseTable(1 << 24, 123);
        var rng = new DeterministicRandom(3);
        _offsets = new int[Slices];
        _weights = new float[Slices];
        for (int i = 0; i < Slices; i++)
        {
            _offsets[i] = _table.SampleOffset(rng.NextUInt64(), Dimension);
            _weights[i] = (float)rng.Uniform(-0.5, 0.5);
        }

        _gradient = new float[Dimension];
    }

    [Benchmark(Baseline = true)]
    public float[] TableReference() => NoiseTableReference.Generate(TableValues, 123);

    [Benchmark]
    public NoiseTable TableVectorOneThread() => new(TableValues, 123, maxDegreeOfParallelism: 1);

    [Benchmark]
    public void AccumulateReference() => GradientEstimator.AccumulateReference(_table, _offsets, _weights, _gradient);

    [Benchmark]
    public void AccumulateFused() => GradientEstimator.Accumulate(_table, _offsets, _weights, _gradient);
}
