using Es.Actors.Evaluation;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Randomness;
using Es.Core.Rollouts;

namespace Es.Actors.Tests.Training;

/// <summary>Drives a <see cref="TrainingSession"/> without actors: scores each round's tasks in a shuffled order.</summary>
internal static class SessionDriver
{
    public static TrainingSession NewSession(TrainingConfig config) =>
        new(config, TrainingConfigs.Noise, ProblemFactory.Create(config));

    /// <summary>Runs rounds until the session finishes or <paramref name="maxRounds"/> rounds have run.</summary>
    public static List<GenerationReport> Run(
        TrainingSession session,
        TrainingConfig config,
        ulong order = 1,
        bool duplicate = false,
        int maxRounds = int.MaxValue)
    {
        var evaluator = new CandidateEvaluator(ProblemFactory.Create(config), TrainingConfigs.Noise, config.Seed, config.Strategy.EpisodesPerCandidate);
        var settings = new EvaluatorSettings(config.Seed, config.ObsNorm.Enabled ? config.ObsNorm.Fraction : 0);
        var rng = new DeterministicRandom(order);
        var reports = new List<GenerationReport>();
        while (!session.IsFinished && reports.Count < maxRounds)
        {
            var plan = session.BeginRound();
            var tasks = plan.Tasks.ToList();
            for (int i = tasks.Count - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (tasks[i], tasks[j]) = (tasks[j], tasks[i]);
            }

            bool complete = false;
            foreach (var task in tasks)
            {
                var result = EvaluatorActor.Score(evaluator, task, plan.View, settings);
                complete |= session.Record(result);
                if (duplicate)
                {
                    Assert.False(session.Record(result));
                }
            }

            Assert.True(complete);
            var report = session.CompleteRound();
            reports.Add(report);
        }

        return reports;
    }
}
