using Es.Core.Configuration;
using Es.Core.Functions;
using Es.Core.Rollouts;

namespace Es.Core.Tests.Rollouts;

public sealed class FunctionProblemTests
{
    [Fact]
    public void Initialize_WithStart_EveryCoordinateAtIt_WhateverTheSeed()
    {
        var problem = ProblemFactory.Create(ConfigLoader.Load("{\"env\": {\"name\": \"rosenbrock\", \"dimension\": 4, \"start\": 0.5}}", "cfg.json"));
        var a = new float[4];
        var b = new float[4];
        problem.Initialize(a, 1);
        problem.Initialize(b, 2);

        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Initialize_WithoutStart_TheFunctionsOwnSeededDraw()
    {
        var problem = new FunctionProblem(new RosenbrockFunction(4));
        var drawn = new float[4];
        var expected = new float[4];
        problem.Initialize(drawn, 7);
        new RosenbrockFunction(4).Initialize(expected, 7);

        Assert.Equal(expected, drawn);
        Assert.All(drawn, x => Assert.InRange(x, -1.5f, -0.5f));
    }
}
