using Akka.Configuration;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Actors.Tests.Training;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Rollouts;

namespace Es.Actors.Tests.Evaluation;

/// <summary>What the evaluator and pool specs share: the actor system's configuration, a generation to score and the scores it should get.</summary>
internal static class EvaluatorSpecSetup
{
    /// <summary>
    /// <see cref="ActorHost.DefaultConfig"/> (it defines the evaluators' pinned dispatcher) with
    /// the TestKit's logger put back: the host's <c>LogLineLogger</c> would take Akka's log
    /// events away from <c>EventFilter</c>.
    /// </summary>
    public static Config SystemConfig { get; } = ConfigurationFactory
        .ParseString("""akka.loggers = ["Akka.TestKit.TestEventListener, Akka.TestKit"]""")
        .WithFallback(ConfigurationFactory.ParseString(ActorHost.DefaultConfig));

    /// <summary>CartPole with observation sampling: a task's answer carries returns, steps and observation statistics.</summary>
    public static TrainingConfig RunConfig { get; } = TrainingConfigs.CartPole();

    /// <summary>Seeds, observation sampling and no chaos, as a run of <see cref="RunConfig"/> gives its evaluators.</summary>
    public static EvaluatorSettings RunSettings { get; } = EvaluatorSupervision.Settings(RunConfig);

    /// <summary>Generation 0 of <see cref="RunConfig"/>: its view and its tasks (16 candidates in tasks of 3).</summary>
    public static GenerationPlan Generation { get; } = new TrainingSession(RunConfig, TrainingConfigs.Noise, ProblemFactory.Create(RunConfig)).BeginRound();

    /// <summary>A fresh evaluator's problem and buffers over <paramref name="problem"/> (a plain one by default).</summary>
    public static CandidateEvaluator NewEvaluator(IProblem? problem = null) =>
        new(problem ?? ProblemFactory.Create(RunConfig), TrainingConfigs.Noise, RunConfig.Seed, RunConfig.Strategy.EpisodesPerCandidate);

    /// <summary>The scores of <paramref name="task"/>, computed without actors: what any evaluator must answer, whatever failed on the way.</summary>
    public static TaskResult Expected(EvaluationTask task) => EvaluatorActor.Score(NewEvaluator(), task, Generation.View, RunSettings);

    /// <summary>Asserts that <paramref name="actual"/> scores <paramref name="expected"/>'s task exactly as <paramref name="expected"/> does.</summary>
    public static void AssertSameScores(TaskResult expected, TaskResult actual)
    {
        Assert.Equal(expected.Task, actual.Task);
        Assert.Null(actual.Error);
        Assert.Equal(expected.Returns, actual.Returns);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Observations.Select(o => (o.CandidateIndex, o.Count)), actual.Observations.Select(o => (o.CandidateIndex, o.Count)));
        Assert.Equal(expected.Observations.SelectMany(o => o.Mean.Concat(o.M2)), actual.Observations.SelectMany(o => o.Mean.Concat(o.M2)));
    }
}
