using BenchmarkDotNet.Attributes;
using Es.Core.Kernels;
using Es.Core.Randomness;

namespace Es.Benchmarks;

/// <summary>The MLP's kernels against their plain references, at the shapes of an MLP 64-64 on CartPole and 32-32 on Pendulum.</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private float[] _w64x64 = [];
    private float[] _w64x4 = [];
    private float[] _x64 = [];
    private float[] _x4 = [];
    private float[] _b64 = [];
    private float[] _y64 = [];
    private float[] _w32x3 = [];
    private float[] _w1x32 = [];
    private float[] _x3 = [];
    private float[] _x32 = [];
    private float[] _b32 = [];
    private float[] _y32 = [];
    private float[] _y1 = [];

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
        _w32x3 = Data.Uniform(ref rng, 32 * 3, -1, 1);
        _w1x32 = Data.Uniform(ref rng, 32, -1, 1);
        _x3 = Data.Uniform(ref rng, 3, -3, 3);
        _x32 = Data.Uniform(ref rng, 32, -3, 3);
        _b32 = Data.Uniform(ref rng, 32, -1, 1);
        _y32 = new float[32];
        _y1 = new float[1];
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

    [Benchmark]
    public void MatVec32x3Reference() => ReferenceKernels.MatVecEightLane(_w32x3, _x3, _b32, _y32);

    [Benchmark]
    public void MatVec32x3Vector() => VectorKernels.MatVec(_w32x3, _x3, _b32, _y32);

    [Benchmark]
    public void MatVec1x32Reference() => ReferenceKernels.MatVecEightLane(_w1x32, _x32, _b32.AsSpan(0, 1), _y1);

    [Benchmark]
    public void MatVec1x32Vector() => VectorKernels.MatVec(_w1x32, _x32, _b32.AsSpan(0, 1), _y1);
}
