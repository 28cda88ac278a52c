using Es.Actors.Evaluation;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;
using Xunit.Abstractions;

namespace Es.MuJoCo.Tests;

/// <summary>A short training run on the real engine, driven the way evaluator actors score tasks.</summary>
public sealed class TrainingTests(ITestOutputHelper output)
{
    static TrainingTests() => MuJoCoEnvironments.Register();

    [Fact]
    public void Train_InvertedPendulum_RewardImproves()
    {
        var config = InvertedPendulum(generations: 12);
        var reports = Train(config);

        var updates = reports.Where(r => r.Updated).ToList();
        double first = updates[0].RewardMean;
        double last = updates.TakeLast(3).Max(r => r.RewardMean);
        output.WriteLine(string.Join(" ", updates.Select(r => r.RewardMean.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(last > 3 * first && last > 50, $"reward mean went from {first:F1} to {last:F1}");
    }

    [Fact]
    public void Train_InvertedPendulumTwice_SameThetaNormsBitForBit()
    {
        var config = InvertedPendulum(generations: 3);

        var a = Train(config).Select(r => r.ThetaNorm).ToArray();
        var b = Train(config).Select(r => r.ThetaNorm).ToArray();

        Assert.Equal(a, b);
    }

    private static TrainingConfig InvertedPendulum(int generations) => new()
    {
        Seed = 3,
        Generations = generations,
        Env = new EnvironmentOptions { Name = "InvertedPendulum-v4" },
        Policy = new PolicyConfig { Hidden = [16], Activation = "tanh" },
        Strategy = new StrategyOptions { Population = 32, Sigma = 0.1 },
        Optimizer = new OptimizerOptions { Name = "adam", LearningRate = 0.05 },
        Noise = new NoiseOptions { TableSize = 1 << 20, Seed = 123 },
        ObsNorm = new ObservationNormOptions { Enabled = true, Fraction = 0.1 },
        Evaluation = new EvaluationOptions { Every = 100, Episodes = 2, StopWhenSolved = false },
        Tasks = new TaskOptions { CandidatesPerTask = 8, EpisodesPerEvalTask = 2 },
    };

    private static List<GenerationReport> Train(TrainingConfig config)
    {
        var noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
        var session = new TrainingSession(config, noise, ProblemFactory.Create(config));
        var evaluator = new CandidateEvaluator(ProblemFactory.Create(config), noise, config.Seed, config.Strategy.EpisodesPerCandidate);
        var settings = new EvaluatorSettings(config.Seed, config.ObsNorm.Fraction);
        var reports = new List<GenerationReport>();
        while (!session.IsFinished)
        {
            var plan = session.BeginRound();
            foreach (var task in plan.Tasks)
            {
                session.Record(EvaluatorActor.Score(evaluator, task, plan.View, settings));
            }

            reports.Add(session.CompleteRound());
        }

        return reports;
    }
}
