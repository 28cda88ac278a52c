using Es.Dashboard.Runs;

namespace Es.Dashboard.Tests.Runs;

public sealed class MetricsCsvTests
{
    private const string Header = "generation,updated,reward_mean,reward_max,reward_min,eval_return,evaluations,env_steps,wall_seconds,theta_norm,obs_count,candidates_failed";

    [Fact]
    public void Parse_Rows_ReadsEveryColumnByName()
    {
        var points = MetricsCsv.Parse(new StringReader($"{Header}\n0,1,1.5,3,0.5,,64,1000,0.250,1,2,0\n1,0,,,,480.5,0,5000,0.500,1,2,3\n"));
        Assert.Equal(2, points.Count);
        Assert.Equal(new Es.Dashboard.Model.GenerationPoint(0, true, 1.5, 3, 0.5, null, 64, 1000, 0.25, 0), points[0]);
        Assert.Equal(new Es.Dashboard.Model.GenerationPoint(1, false, null, null, null, 480.5, 0, 5000, 0.5, 3), points[1]);
    }

    [Fact]
    public void Parse_RowCutShort_EndsTheRead()
    {
        var points = MetricsCsv.Parse(new StringReader($"{Header}\n0,1,1.5,3,0.5,,64,1000,0.250,1,2,0\n1,1,2.5"));
        Assert.Single(points);
    }

    [Fact]
    public void Parse_ColumnsInAnotherOrder_StillReadByName()
    {
        var points = MetricsCsv.Parse(new StringReader("wall_seconds,generation,eval_return\n2.0,7,9.5\n"));
        Assert.Equal(7, points[0].Generation);
        Assert.Equal(9.5, points[0].EvalReturn);
        Assert.Equal(2.0, points[0].WallSeconds);
    }
}
