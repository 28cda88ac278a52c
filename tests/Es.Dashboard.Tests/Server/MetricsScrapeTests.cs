using Es.Dashboard.Model;

namespace Es.Dashboard.Tests.Server;

public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task Metrics_LiveRun_ScrapesAsPrometheusText()
    {
        await using var fixture = await LiveServerFixture.StartAsync();
        for (int g = 0; g < 6; g++)
        {
            fixture.Live.Add(LiveServerFixture.Point(g));
        }

        fixture.Nodes.Set(new NodeSnapshot("10.0.0.1:4053", "seed", NodeState.Up, 2, 0, 1, 2, 0));
        fixture.Nodes.Set(new NodeSnapshot("10.0.0.2:4053", "worker", NodeState.Up, 4, 3, 2, 5, 1));
        fixture.Nodes.Set(new NodeSnapshot("10.0.0.3:4053", "worker", NodeState.Removed, 4, null, 0, 7, 0));
        fixture.Live.Metrics.Checkpoints(0.5, 0.25);

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(new Uri(fixture.Server.Url), "metrics"));
        Assert.True(response.IsSuccessStatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(5, metrics.Value("es_generation"));
        Assert.Equal("gauge", metrics.Type("es_generation"));
        Assert.Equal(6 * 64, metrics.Value("es_evaluations_total"));
        Assert.Equal("counter", metrics.Type("es_evaluations_total"));
        Assert.Equal(Enumerable.Range(0, 6).Sum(g => 3000 + (g * 400)), metrics.Value("es_env_steps_total"));
        Assert.Equal(25 + 50.0, metrics.Value("es_eval_return"));
        Assert.Equal(20 + (5 * 9.5), metrics.Value("es_reward_mean"));
        Assert.Equal(3, metrics.Value("es_evaluator_restarts_total"));
        Assert.Equal(14, metrics.Value("es_tasks_redelivered_total"));
        Assert.Equal(1, metrics.Value("es_stale_results_total"));
        Assert.Equal(2, metrics.Value("es_nodes_up"));
        Assert.Equal(1, metrics.Value("es_nodes_lost"));
        Assert.Equal(0.5, metrics.Value("es_checkpoint_seconds_total{kind=\"journal\"}"));
        Assert.Equal(0.25, metrics.Value("es_checkpoint_seconds_total{kind=\"snapshot\"}"));
        Assert.Equal(1, metrics.Value("es_run_info{run_id=\"CartPole-v1-s7-test\",env=\"CartPole-v1\",strategy=\"openai-es\"}"));
    }

    [Fact]
    public async Task Metrics_BeforeAnyEvaluation_EvalReturnIsNaN()
    {
        await using var fixture = await LiveServerFixture.StartAsync();
        using var http = new HttpClient();
        var metrics = PrometheusText.Parse(await http.GetStringAsync(new Uri(new Uri(fixture.Server.Url), "metrics")));
        Assert.True(double.IsNaN(metrics.Value("es_eval_return")));
        Assert.Equal(0, metrics.Value("es_evaluations_total"));
    }
}
