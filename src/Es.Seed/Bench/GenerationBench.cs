using System.Diagnostics;
using Es.Actors.Evaluation;
using Es.Actors.Hosting;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;
using Es.Seed.Runs;

namespace Es.Seed.Bench;

/// <summary>
/// <c>bench generation CONFIG</c>: where a generation's time goes. The same generations
/// (θ is bit-identical whatever runs them) are run three ways, in rotation, and the
/// fastest repetition of each way counts:
/// <list type="bullet">
/// <item>bare: the coordinator's <see cref="TrainingSession"/> driven by a plain loop on one
/// thread, timing evaluation (<see cref="EvaluatorActor.Score"/>), aggregation
/// (<see cref="TrainingSession.Record"/>) and update (<see cref="TrainingSession.CompleteRound"/>);</item>
/// <item>embedded with one evaluator: <see cref="EmbeddedTraining"/> as <c>train</c> runs it;
/// what it takes beyond the bare loop is the coordination overhead (actors, mailboxes, fabric);</item>
/// <item>embedded with one evaluator per core.</item>
/// </list>
/// Rounds 1..G−1 are timed (round 0 pays for JIT compilation); evaluation of θ is
/// switched off so every round is alike.
/// </summary>
internal static class GenerationBench
{
    public static async Task<BenchReport> RunAsync(TrainingConfig config, int workers, int repetitions, CancellationToken cancellationToken)
    {
        var noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
        double bestBare = double.MaxValue, bestOne = double.MaxValue, bestAll = double.MaxValue;
        BareTimes bare = default;
        string? hashBare = null, hashOne = null, hashAll = null;
        for (int r = 0; r < repetitions; r++)
        {
            var times = RunBare(config, noise, out var theta);
            hashBare = ThetaHash.Compute(theta);
            if (times.Total < bestBare)
            {
                bestBare = times.Total;
                bare = times;
            }

            (double one, hashOne) = await RunEmbeddedAsync(config, noise, 1, cancellationToken).ConfigureAwait(false);
            bestOne = Math.Min(bestOne, one);
            (double all, hashAll) = await RunEmbeddedAsync(config, noise, workers, cancellationToken).ConfigureAwait(false);
            bestAll = Math.Min(bestAll, all);
        }

        int timed = config.Generations - 1;
        int population = config.Strategy.Population;
        double overhead = bestOne - bestBare;
        return new BenchReport()
            .Add("benchmark", "generation")
            .Add("env", config.Env.Name)
            .Add("population", population)
            .Add("generations_timed", timed)
            .Add("workers", workers)
            .Add("repetitions", repetitions)
            .Add("generation_seconds_1_worker", bestOne / timed)
            .Add("evaluation_seconds", bare.Evaluation / timed)
            .Add("aggregation_seconds", bare.Aggregation / timed)
            .Add("update_seconds", bare.Update / timed)
            .Add("coordination_seconds", overhead / timed)
            .Add("coordination_fraction", overhead / bestOne)
            .Add("generation_seconds_all_workers", bestAll / timed)
            .Add("evaluations_per_second_1_worker", population * timed / bestOne)
            .Add("evaluations_per_second_all_workers", population * timed / bestAll)
            .Add("speedup_all_vs_1", bestOne / bestAll)
            .Add("env_steps_per_round", bare.Steps / (double)timed)
            .Add("theta_identical", hashBare == hashOne && hashOne == hashAll);
    }

    /// <summary>Rounds 1..G−1 of the session driven by a plain loop, phase by phase.</summary>
    private static BareTimes RunBare(TrainingConfig config, NoiseTable noise, out float[] theta)
    {
        var session = new TrainingSession(config, noise, ProblemFactory.Create(config));
        var evaluator = new CandidateEvaluator(ProblemFactory.Create(config), noise, config.Seed, config.Strategy.EpisodesPerCandidate);
        var settings = new EvaluatorSettings(config.Seed, config.ObsNorm.Enabled ? config.ObsNorm.Fraction : 0);
        var times = default(BareTimes);
        long evaluation = 0, aggregation = 0, update = 0, steps = 0;
        while (!session.IsFinished)
        {
            bool timedRound = session.Generation >= 1 && session.Generation < config.Generations;
            long start = Stopwatch.GetTimestamp();
            var plan = session.BeginRound();
            long planned = Stopwatch.GetTimestamp();
            long scoring = 0, recording = 0;
            foreach (var task in plan.Tasks)
            {
                long t0 = Stopwatch.GetTimestamp();
                var result = EvaluatorActor.Score(evaluator, task, plan.View, settings);
                long t1 = Stopwatch.GetTimestamp();
                session.Record(result);
                scoring += t1 - t0;
                recording += Stopwatch.GetTimestamp() - t1;
                steps += timedRound ? result.Steps : 0;
            }

            long t2 = Stopwatch.GetTimestamp();
            session.CompleteRound();
            if (timedRound)
            {
                evaluation += scoring;
                aggregation += recording + (planned - start);
                update += Stopwatch.GetTimestamp() - t2;
            }
        }

        theta = session.Theta.ToArray();
        double f = Stopwatch.Frequency;
        times.Evaluation = evaluation / f;
        times.Aggregation = aggregation / f;
        times.Update = update / f;
        times.Steps = steps;
        return times;
    }

    /// <summary>Seconds from round 0's report to round G−1's, and the final θ's hash.</summary>
    private static async Task<(double Seconds, string Hash)> RunEmbeddedAsync(TrainingConfig config, NoiseTable noise, int workers, CancellationToken cancellationToken)
    {
        var observer = new RoundClock(config.Generations);
        var result = await EmbeddedTraining.RunAsync(config, noise, workers, observer, cancellationToken).ConfigureAwait(false);
        return (observer.Seconds, ThetaHash.Compute(result.Outcome.Theta));
    }

    private struct BareTimes
    {
        public double Evaluation;
        public double Aggregation;
        public double Update;
        public long Steps;

        public readonly double Total => Evaluation + Aggregation + Update;
    }

    /// <summary>Timestamps the reports of round 0 and round G−1 (the coordinator calls it right after each update).</summary>
    private sealed class RoundClock(int generations) : IRunObserver
    {
        private long _first;
        private long _last;

        public double Seconds => (_last - _first) / (double)Stopwatch.Frequency;

        public void OnRoundCompleted(GenerationReport report)
        {
            if (report.Generation == 0)
            {
                _first = Stopwatch.GetTimestamp();
            }
            else if (report.Generation == generations - 1)
            {
                _last = Stopwatch.GetTimestamp();
            }
        }

        public void OnFinished(TrainingOutcome outcome)
        {
        }
    }
}
