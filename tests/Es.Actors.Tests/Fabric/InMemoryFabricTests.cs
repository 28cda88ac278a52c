using Es.Actors.Fabric;
using Es.Core.Normalization;
using Es.Core.Rollouts;

namespace Es.Actors.Tests.Fabric;

public sealed class InMemoryFabricTests
{
    private static InMemoryFabric WithOneTask()
    {
        var fabric = new InMemoryFabric();
        fabric.Publish(new GenerationView(0, [0f], ObservationFilter.Identity(0), 0.1f), [new EvaluationTask(0, TaskKind.Candidates, 0, 4)]);
        return fabric;
    }

    [Fact]
    public async Task Requeue_FailedAttempt_CountsAnAttempt()
    {
        var fabric = WithOneTask();
        var first = await fabric.TakeAsync(CancellationToken.None);
        first.Requeue();
        var second = await fabric.TakeAsync(CancellationToken.None);
        Assert.Equal(2, second.Attempt);
        Assert.True(second.Redelivered);
        Assert.Equal(1, fabric.TasksRedelivered);
    }

    [Fact]
    public async Task Release_HolderDidNotFail_KeepsTheAttempt()
    {
        var fabric = WithOneTask();
        var first = await fabric.TakeAsync(CancellationToken.None);
        first.Release();
        first.Requeue(); // settled already: nothing more happens
        var again = await fabric.TakeAsync(CancellationToken.None);
        Assert.Equal(1, again.Attempt);
        Assert.Equal(first.Task, again.Task);
    }

    [Fact]
    public void TryTake_ReadyTasksOnly_CarriesTheAttempt()
    {
        var fabric = WithOneTask();
        Assert.True(fabric.TryTake(out var first));
        Assert.False(fabric.TryTake(out _));
        first.Requeue();

        Assert.True(fabric.TryTake(out var again));
        Assert.Equal(first.Task, again.Task);
        Assert.Equal(2, again.Attempt);
    }
}
