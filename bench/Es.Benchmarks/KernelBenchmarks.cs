using BenchmarkDotNet.Attributes;
using Es.Core.Kernels;
using Es.Core.Randomness;

namespace Es.Benchmarks;

/// <summary>The MLP's kernels against their plain references, at the shapes of an MLP 64-64 on CartPole.</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private float[] _w64x64 = [];
    private float[] _w64x4 = [];
    private float[] _x64 = [];
    private float[] _x4 = [];
    private float[] _b64 = [];
    private float[] _y64 = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new DeterministicRandom(1);
        _w64x64 = Data.Uniform(ref rng, 64 * 64, -1, 1);
        _w64x4 = Data.Uniform(ref rng, 64 * 4, -1, 1);
        _x64 = Data.Uniform(ref rng, 64, -3, 3);
        _x4 = Data.Uniform(ref rng, 4, -3, 3);
        _b64 = Data.Uniform(ref rng, 64, -1, 1);
        _y64 = new float[64];
    }

    [Benchmark(Baseline = true)]
    public void Tanh64Reference() => ReferenceKernels.Tanh(_x64, _y64);

    [Benchmark]
    public void Tanh64Vector() => VectorKernels.Tanh(_x64, _y64);

    [Benchmark]
    public void MatVec64x64Reference() => ReferenceKernels.MatVecEightLane(_w64x64, _x64, _b64, _y64);

    [Benchmark]
    public void MatVec64x64Vector() => VectorKernels.MatVec(_w64x64, _x64, _b64, _y64);

    [Benchmark]
    public void MatVec64x4Reference() => ReferenceKernels.MatVecEightLane(_w64x4, _x4, _b64, _y64);

    [Benchmark]
    public void MatVec64x4Vector() => VectorKernels.MatVec(_w64x4, _x4, _b64, _y64);
}
