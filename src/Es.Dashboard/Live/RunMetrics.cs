using Es.Dashboard.Model;
using Prometheus;

namespace Es.Dashboard.Live;

/// <summary>
/// The live run's Prometheus metrics, in a registry of their own (several dashboards may share
/// a process in tests). Names and meanings are listed in the README ("Watching a run").
/// </summary>
public sealed class RunMetrics
{
    private readonly Gauge _generation;
    private readonly Counter _evaluations;
    private readonly Counter _envSteps;
    private readonly Gauge _evalReturn;
    private readonly Gauge _rewardMean;
    private readonly Counter _candidatesFailed;
    private readonly Counter _restarts;
    private readonly Counter _redelivered;
    private readonly Counter _stale;
    private readonly Gauge _nodesUp;
    private readonly Gauge _nodesLost;
    private readonly Counter _checkpointSeconds;
    private readonly Gauge _runInfo;

    /// <summary>Creates the metrics in a new registry.</summary>
    public RunMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _generation = factory.CreateGauge("es_generation", "The latest completed generation.");
        _evaluations = factory.CreateCounter("es_evaluations_total", "Candidate evaluations.");
        _envSteps = factory.CreateCounter("es_env_steps_total", "Environment steps, candidates and evaluation episodes together.");
        _evalReturn = factory.CreateGauge("es_eval_return", "The latest mean evaluation return of theta (NaN before the first evaluation).");
        _evalReturn.Set(double.NaN);
        _rewardMean = factory.CreateGauge("es_reward_mean", "Mean candidate return of the latest generation.");
        _candidatesFailed = factory.CreateCounter("es_candidates_failed_total", "Candidates given up on or with a non-finite reward.");
        _restarts = factory.CreateCounter("es_evaluator_restarts_total", "Evaluator restarts ordered by supervisors, all nodes.");
        _redelivered = factory.CreateCounter("es_tasks_redelivered_total", "Tasks handed out again after a failure, all nodes.");
        _stale = factory.CreateCounter("es_stale_results_total", "Results that arrived after their generation had closed.");
        _nodesUp = factory.CreateGauge("es_nodes_up", "Nodes up and reachable.");
        _nodesLost = factory.CreateGauge("es_nodes_lost", "Nodes unreachable or removed.");
        _checkpointSeconds = factory.CreateCounter("es_checkpoint_seconds_total", "Time spent writing checkpoints.", new CounterConfiguration { LabelNames = ["kind"] });
        _runInfo = factory.CreateGauge("es_run_info", "1, labelled with the run.", new GaugeConfiguration { LabelNames = ["run_id", "env", "strategy"] });
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Labels the run.</summary>
    public void Started(RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        _runInfo.WithLabels(info.RunId, info.Env, info.Strategy).Set(1);
    }

    /// <summary>Counts a completed round.</summary>
    public void Add(GenerationPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        _generation.Set(point.Generation);
        _evaluations.Inc(point.Evaluations);
        _envSteps.Inc(point.EnvSteps);
        _candidatesFailed.Inc(point.CandidatesFailed);
        if (point.RewardMean is double mean)
        {
            _rewardMean.Set(mean);
        }

        if (point.EvalReturn is double eval)
        {
            _evalReturn.Set(eval);
        }
    }

    /// <summary>Sets the totals checkpointing has spent so far.</summary>
    public void Checkpoints(double journalSeconds, double snapshotSeconds)
    {
        _checkpointSeconds.WithLabels("journal").IncTo(journalSeconds);
        _checkpointSeconds.WithLabels("snapshot").IncTo(snapshotSeconds);
    }

    /// <summary>Sets the node gauges and counters from the nodes now.</summary>
    public void Nodes(IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodesUp.Set(nodes.Count(n => n.State == NodeState.Up));
        _nodesLost.Set(nodes.Count(n => n.State != NodeState.Up));
        _restarts.IncTo(nodes.Sum(n => n.Restarts));
        _redelivered.IncTo(nodes.Sum(n => n.Redeliveries));
        _stale.IncTo(nodes.Sum(n => n.StaleResults));
    }
}
