using BenchmarkDotNet.Attributes;
using Es.Core.Environments;
using Es.Core.Environments.CartPole;
using Es.Core.Kernels;
using Es.Core.Policies;
using Es.Core.Randomness;

namespace Es.Benchmarks;

/// <summary>
/// One CartPole step of an MLP 4-64-64-2 tanh policy: the vectorised forward against the
/// same network computed with the plain reference kernels, and the environment step.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private readonly MlpPolicy _policy = new(4, ActionSpace.Discrete(2), [64, 64], Activation.Tanh);
    private readonly CartPoleEnvironment _env = new();
    private readonly float[] _observation = new float[4];
    private readonly float[] _action = new float[1];
    private readonly float[] _h1 = new float[64];
    private readonly float[] _h2 = new float[64];
    private readonly float[] _out = new float[2];
    private float[] _theta = [];
    private ulong _episode;

    [GlobalSetup]
    public void Setup()
    {
        _theta = new float[_policy.ParameterCount];
        _policy.Initialize(_theta, 1);
        var rng = new DeterministicRandom(2);
        for (int i = 0; i < _theta.Length; i++)
        {
            _theta[i] += (float)rng.Uniform(-0.1, 0.1);
        }

        _env.Reset(1, _observation);
    }

    [Benchmark(Baseline = true)]
    public float ForwardReference()
    {
        ReadOnlySpan<float> t = _theta;
        ReferenceKernels.MatVecEightLane(t[..256], _observation, t.Slice(256, 64), _h1);
        ReferenceKernels.Tanh(_h1, _h1);
        ReferenceKernels.MatVecEightLane(t.Slice(320, 4096), _h1, t.Slice(4416, 64), _h2);
        ReferenceKernels.Tanh(_h2, _h2);
        ReferenceKernels.MatVecEightLane(t.Slice(4480, 128), _h2, t.Slice(4608, 2), _out);
        return _out[0] > _out[1] ? 0f : 1f;
    }

    [Benchmark]
    public float ActVector()
    {
        _policy.Act(_theta, _observation, _action);
        return _action[0];
    }

    [Benchmark]
    public bool CartPoleStep()
    {
        _action[0] = (float)(_episode & 1);
        bool done = _env.Step(_action, _observation).Terminated;
        if (done)
        {
            _env.Reset(++_episode, _observation);
        }

        return done;
    }
}
