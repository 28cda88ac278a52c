using Es.Core.Functions;

namespace Es.Core.Tests.Functions;

public class ObjectiveFunctionTests
{
    public static TheoryData<string, int, float[]> Optima => new()
    {
        { "quadratic", 3, [0.5f, 0.1f, -0.3f] },
        { "quadratic", 5, [0.5f, 0.1f, -0.3f, 0.5f, 0.1f] },
        { "sphere", 4, [0f, 0f, 0f, 0f] },
        { "rastrigin", 6, new float[6] },
        { "rosenbrock", 5, [1f, 1f, 1f, 1f, 1f] },
        { "ackley", 7, new float[7] },
    };

    public static TheoryData<string, int, double, double> StartRanges => new()
    {
        { "sphere", 10, 1.0, 3.0 },
        { "rastrigin", 10, 1.0, 3.0 },
        { "rosenbrock", 10, -1.5, -0.5 },
        { "ackley", 10, 1.0, 3.0 },
    };

    [Theory]
    [MemberData(nameof(Optima))]
    public void Evaluate_AtOptimum_IsZero(string name, int dimension, float[] optimum)
    {
        IObjectiveFunction f = ObjectiveRegistry.Create(name, dimension);
        double value = f.Evaluate(optimum);
        Assert.True(Math.Abs(value) <= 1e-9, $"{name}: {value}");
        // The optimum's float rounding of the quadratic target costs ~1e-17, far inside the threshold.
        Assert.True(-value >= f.SolvedThreshold);
    }

    [Fact]
    public void Quadratic_HandComputedPoint()
    {
        // (1-0.5)² + (0-0.1)² + (1+0.3)² + (2-0.5)² = 0.25 + 0.01 + 1.69 + 2.25
        Assert.Equal(4.2, new QuadraticFunction(4).Evaluate([1f, 0f, 1f, 2f]), 1e-6);
        Assert.Equal(3, new QuadraticFunction().Dimension);
        Assert.Equal(-0.3, QuadraticFunction.Target(5));
    }

    [Fact]
    public void Sphere_HandComputedPoint() =>
        Assert.Equal(14.0, new SphereFunction(3).Evaluate([1f, -2f, 3f]), 1e-12);

    [Fact]
    public void Rastrigin_HandComputedPoints()
    {
        var f = new RastriginFunction(2);
        // integer points: cos(2πk) = 1, so f = Σ x²
        Assert.Equal(5.0, f.Evaluate([1f, -2f]), 1e-9);
        // half-integers: cos = −1, so f = 20 + Σ (x² + 10) = 20 + 0.25 + 10 + 2.25 + 10
        Assert.Equal(42.5, f.Evaluate([0.5f, -1.5f]), 1e-9);
    }

    [Fact]
    public void Rosenbrock_HandComputedPoint()
    {
        // (0,0,0): two terms of (1-0)² = 2; (−1, 1): 100·(1−1)² + (1+1)² = 4
        Assert.Equal(2.0, new RosenbrockFunction(3).Evaluate([0f, 0f, 0f]), 1e-12);
        Assert.Equal(4.0, new RosenbrockFunction(2).Evaluate([-1f, 1f]), 1e-12);
        Assert.Equal(401.0, new RosenbrockFunction(2).Evaluate([0f, 2f]), 1e-12);
    }

    [Fact]
    public void Ackley_HandComputedPoint()
    {
        // x = (1, 1): √(Σx²/d) = 1 and every cos is 1, so f = −20e^−0.2 − e + 20 + e = 20(1 − e^−0.2)
        double expected = 20 * (1 - Math.Exp(-0.2));
        Assert.Equal(expected, new AckleyFunction(2).Evaluate([1f, 1f]), 1e-12);
    }

    [Fact]
    public void AckleyExp_MatchesMathExp()
    {
        for (double x = -700; x <= 700; x += 0.37)
        {
            double expected = Math.Exp(x);
            double actual = AckleyFunction.Exp(x);
            Assert.True(Math.Abs(actual - expected) <= 1e-14 * expected, $"x={x}: {actual:R} vs {expected:R}");
        }

        Assert.Equal(1.0, AckleyFunction.Exp(0));
        Assert.Equal(0.0, AckleyFunction.Exp(-1000));
        Assert.Equal(double.PositiveInfinity, AckleyFunction.Exp(1000));
    }

    [Theory]
    [MemberData(nameof(StartRanges))]
    public void Initialize_DeterministicAndInRange(string name, int dimension, double low, double high)
    {
        IObjectiveFunction f = ObjectiveRegistry.Create(name, dimension);
        var a = new float[dimension];
        var b = new float[dimension];
        var c = new float[dimension];
        f.Initialize(a, 99);
        f.Initialize(b, 99);
        f.Initialize(c, 100);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, v => Assert.InRange(v, (float)low, (float)high));
    }

    [Fact]
    public void Quadratic_Initialize_DeterministicStandardNormal()
    {
        var f = new QuadraticFunction(2000);
        var a = new float[2000];
        var b = new float[2000];
        f.Initialize(a, 5);
        f.Initialize(b, 5);
        Assert.Equal(a, b);
        double mean = a.Average(v => (double)v);
        double variance = a.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.1, 0.1);
        Assert.InRange(variance, 0.85, 1.15);
    }

    [Fact]
    public void Evaluate_And_Initialize_WrongLength_Throw()
    {
        var f = new SphereFunction(3);
        Assert.Throws<ArgumentException>(() => f.Evaluate(new float[2]));
        Assert.Throws<ArgumentException>(() => f.Initialize(new float[4], 1));
    }

    [Fact]
    public void Evaluate_AllocatesNothing()
    {
        IObjectiveFunction[] functions = [.. ObjectiveRegistry.Names.Select(n => ObjectiveRegistry.Create(n, 8))];
        var x = new float[8];
        foreach (IObjectiveFunction f in functions)
        {
            f.Evaluate(x);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (IObjectiveFunction f in functions)
        {
            f.Evaluate(x);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
