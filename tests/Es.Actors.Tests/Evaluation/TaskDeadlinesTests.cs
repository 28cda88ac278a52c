using Es.Actors.Evaluation;

namespace Es.Actors.Tests.Evaluation;

public sealed class TaskDeadlinesTests
{
    [Fact]
    public void Base_NothingObserved_TheGenerousInitialDeadline()
    {
        Assert.Equal(TaskDeadlines.Initial, new TaskDeadlines(TimeSpan.Zero).Base);
    }

    [Fact]
    public void Observe_FastTasks_FloorOfOneSecondAndReportsTheShrink()
    {
        var deadlines = new TaskDeadlines(TimeSpan.Zero);
        Assert.True(deadlines.Observe(TimeSpan.FromMilliseconds(3)));
        Assert.Equal(TaskDeadlines.Floor, deadlines.Base);
        Assert.False(deadlines.Observe(TimeSpan.FromMilliseconds(2)));
    }

    [Fact]
    public void Observe_SlowTask_TenTimesTheSlowest()
    {
        var deadlines = new TaskDeadlines(TimeSpan.Zero);
        deadlines.Observe(TimeSpan.FromSeconds(2));
        deadlines.Observe(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(20), deadlines.Base);
    }

    [Fact]
    public void For_LaterAttempts_DoubleTheDeadline()
    {
        var deadlines = new TaskDeadlines(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), deadlines.For(1));
        Assert.Equal(TimeSpan.FromSeconds(12), deadlines.For(3));
        deadlines.Observe(TimeSpan.FromMinutes(5)); // a fixed deadline ignores observations
        Assert.Equal(TimeSpan.FromSeconds(3), deadlines.Base);
    }
}
