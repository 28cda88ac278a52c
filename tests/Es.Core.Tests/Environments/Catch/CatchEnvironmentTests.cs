using Es.Core.Environments;
using Es.Core.Environments.Catch;

namespace Es.Core.Tests.Environments.Catch;

public class CatchEnvironmentTests
{
    private const int Size = 10;

    [Fact]
    public void Spec_Always_MatchesTheTask()
    {
        EnvironmentSpec spec = new CatchEnvironment().Spec;

        Assert.Equal("Catch", spec.Name);
        Assert.Equal(100, spec.ObservationSize);
        Assert.True(spec.Actions.IsDiscrete);
        Assert.Equal(3, spec.Actions.Count);
        Assert.Equal(20, spec.MaxEpisodeSteps);
        Assert.Equal(0.9, spec.SolvedThreshold);
    }

    [Fact]
    public void Step_BasketMovesUnderBall_MatchesReferenceTrajectoryAndCatches()
    {
        var environment = new CatchEnvironment();
        environment.SetState(0, 2, 4);

        TrajectoryAssert.Replays(environment, CatchReferenceTrajectories.Caught);
    }

    [Fact]
    public void Step_BasketPushedIntoTheWall_MatchesReferenceTrajectoryAndMisses()
    {
        var environment = new CatchEnvironment();
        environment.SetState(0, 0, 7);

        TrajectoryAssert.Replays(environment, CatchReferenceTrajectories.Missed);
    }

    [Fact]
    public void Reset_ManySeeds_BallInTopRowEveryColumnSeenBasketCentredOnFour()
    {
        var environment = new CatchEnvironment();
        var observation = new float[100];
        var columns = new HashSet<int>();
        for (ulong seed = 0; seed < 200; seed++)
        {
            environment.Reset(seed, observation);
            int ball = Array.IndexOf(observation, 1f, 0, Size);
            Assert.InRange(ball, 0, Size - 1);
            columns.Add(ball);
            Assert.Equal(4f, Sum(observation)); // ball + three basket cells
            Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f, 0f, 0f, 0f, 0f], observation[90..]);
        }

        Assert.Equal(Size, columns.Count);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    public void Step_FollowingTheBall_CatchesOnStepNineForPlusOne(ulong seed)
    {
        var environment = new CatchEnvironment();
        var observation = new float[100];
        environment.Reset(seed, observation);
        int ball = Array.IndexOf(observation, 1f, 0, Size);

        for (int step = 1; step <= 9; step++)
        {
            int centre = BasketCentre(observation);
            float action = ball < centre ? 0f : ball > centre ? 2f : 1f;
            StepResult result = environment.Step([action], observation);
            Assert.Equal(step == 9 ? new StepResult(1.0, true) : new StepResult(0.0, false), result);
        }
    }

    [Fact]
    public void Step_StayingPutUnderAFarBall_MissesOnStepNineForMinusOne()
    {
        var environment = new CatchEnvironment();
        environment.SetState(0, 9, 4);
        var observation = new float[100];

        for (int step = 1; step <= 8; step++)
        {
            Assert.Equal(new StepResult(0.0, false), environment.Step([1f], observation));
        }

        Assert.Equal(new StepResult(-1.0, true), environment.Step([1f], observation));
        Assert.Equal(1f, observation[99]); // the ball, in the bottom-right corner
    }

    [Theory]
    [InlineData(1, 0, 1)] // already at the left wall
    [InlineData(8, 2, 8)] // already at the right wall
    [InlineData(4, 0, 3)]
    [InlineData(4, 2, 5)]
    public void Step_MovingBasket_ClampsToTheGrid(int centre, int action, int expectedCentre)
    {
        var environment = new CatchEnvironment();
        environment.SetState(0, 5, centre);
        var observation = new float[100];

        environment.Step([action], observation);

        Assert.Equal(expectedCentre, BasketCentre(observation));
    }

    private static int BasketCentre(float[] observation)
    {
        // Cells of the bottom row that are set: the basket (and perhaps the ball inside it).
        int first = Array.IndexOf(observation, 1f, 90, Size) - 90;
        return first + 1;
    }

    private static float Sum(float[] values)
    {
        float sum = 0f;
        foreach (float v in values)
        {
            sum += v;
        }

        return sum;
    }
}
