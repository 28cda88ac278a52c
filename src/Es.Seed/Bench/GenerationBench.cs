using System.Diagnostics;
using Es.Actors.Evaluation;
using Es.Actors.Hosting;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Rollouts;
using Es.Core.Strategies;
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
/// <item>embedded with one evaluator: <see cref="EmbeddedTraining"/> as <c>train</c> runs it (every embedded run in one actor system, as <c>train</c> has one);
/// what it takes beyond the bare loop is the coordination overhead (actors, mailboxes, fabric);</item>
/// <item>embedded with one evaluator per core.</item>
/// </list>
/// Rounds 1..G−1 are timed, after one untimed pass of each kind (JIT warm-up); evaluation
/// of θ is switched off so every round is alike.
/// </summary>
internal static class GenerationBench
{
    public static async Task<BenchReport> RunAsync(TrainingConfig config, int workers, int repetitions)
    {
        var noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
        // One actor system for every embedded run, as train has one: each new system's start-up
        // code would otherwise reach tier 1 in the middle of later runs, on the cores the
        // evaluators are timed on.
        var host = ActorHost.Start("es-bench", null, AkkaSettings.Over(config, RunPersistence.InMemory));
        await using (host.ConfigureAwait(false))
        {
            return await RunAsync(host, config, noise, workers, repetitions).ConfigureAwait(false);
        }
    }

    private static async Task<BenchReport> RunAsync(ActorHost host, TrainingConfig config, NoiseTable noise, int workers, int repetitions)
    {
        int runs = 0;
        Task<Embedded> RunEmbeddedAsync(int evaluators) => GenerationBench.RunEmbeddedAsync(host, $"bench-{++runs}", config, noise, evaluators);

        // One untimed pass of each kind first, so tiered compilation has settled everywhere.
        RunBare(config, noise, out _);
        await RunEmbeddedAsync(workers).ConfigureAwait(false);
        double bestOne = double.MaxValue, bestAll = double.MaxValue, bestAllEpisodes = 0;
        double bestOneOutsideEpisodes = double.MaxValue, bestBareOutsideEpisodes = double.MaxValue;
        BareTimes bare = default;
        bare.Evaluation = double.MaxValue;
        bool identical = true;
        for (int r = 0; r < repetitions; r++)
        {
            var times = RunBare(config, noise, out var theta);
            string hash = ThetaHash.ComputeHex(theta);
            bestBareOutsideEpisodes = Math.Min(bestBareOutsideEpisodes, times.Total - times.Episodes);
            if (times.Evaluation < bare.Evaluation)
            {
                bare = times;
            }

            var one = await RunEmbeddedAsync(1).ConfigureAwait(false);
            bestOne = Math.Min(bestOne, one.Seconds);
            bestOneOutsideEpisodes = Math.Min(bestOneOutsideEpisodes, one.Seconds - one.EpisodeSeconds);
            var all = await RunEmbeddedAsync(workers).ConfigureAwait(false);
            if (all.Seconds < bestAll)
            {
                bestAll = all.Seconds;
                bestAllEpisodes = all.EpisodeSeconds;
            }

            identical &= one.Hash == hash && all.Hash == hash;
        }

        // Coordination = what the embedded run spends outside episodes beyond what the bare
        // loop spends outside episodes (perturbation, aggregation, update): both sides are
        // measured within their own run, so machine noise on the episodes cancels.
        int timed = config.Generations - 1;
        int population = config.Strategy.Population;
        double coordination = bestOneOutsideEpisodes - bestBareOutsideEpisodes;
        return new BenchReport()
            .Add("benchmark", "generation")
            .Add("env", config.Env.Name)
            .Add("population", population)
            .Add("generations_timed", timed)
            .Add("workers", workers)
            .Add("repetitions", repetitions)
            .Add("generation_seconds_1_worker", bestOne / timed)
            .Add("evaluation_seconds", bare.Evaluation / timed)
            .Add("episode_seconds", bare.Episodes / timed)
            .Add("aggregation_seconds", bare.Aggregation / timed)
            .Add("update_seconds", bare.Update / timed)
            .Add("coordination_seconds", coordination / timed)
            .Add("coordination_fraction", coordination / bestOne)
            .Add("generation_seconds_all_workers", bestAll / timed)
            .Add("evaluations_per_second_1_worker", population * timed / bestOne)
            .Add("evaluations_per_second_all_workers", population * timed / bestAll)
            .Add("speedup_all_vs_1", bestOne / bestAll)
            .Add("episode_seconds_all_workers", bestAllEpisodes / timed) // summed over the evaluators: more than episode_seconds when they slow each other down
            .Add("busy_fraction_all_workers", bestAllEpisodes / (workers * bestAll))
            .Add("env_steps_per_round", bare.Steps / (double)timed)
            .Add("theta_identical", identical);
    }

    /// <summary>Rounds 1..G−1 of the session driven by a plain loop, phase by phase.</summary>
    private static BareTimes RunBare(TrainingConfig config, NoiseTable noise, out float[] theta)
    {
        var session = new TrainingSession(config, noise, ProblemFactory.Create(config));
        var episodes = new TimedProblem.Counter();
        var evaluator = new CandidateEvaluator(new TimedProblem(ProblemFactory.Create(config), episodes), noise, config.Seed, config.Strategy.EpisodesPerCandidate, config.Strategy.RewardShift);
        var settings = new EvaluatorSettings(config.Seed, config.ObsNorm.Enabled ? config.ObsNorm.Fraction : 0);
        var times = default(BareTimes);
        long evaluation = 0, aggregation = 0, update = 0, steps = 0;
        double episodeSeconds = 0;
        while (!session.IsFinished)
        {
            double episodesBefore = episodes.Seconds;
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
                episodeSeconds += episodes.Seconds - episodesBefore;
            }
        }

        theta = session.Theta.ToArray();
        double f = Stopwatch.Frequency;
        times.Evaluation = evaluation / f;
        times.Aggregation = aggregation / f;
        times.Update = update / f;
        times.Steps = steps;
        times.Episodes = episodeSeconds;
        return times;
    }

    /// <summary>Seconds from round 0's report to round G−1's, the episode time inside that window, and the final θ's hash.</summary>
    private static async Task<Embedded> RunEmbeddedAsync(ActorHost host, string runId, TrainingConfig config, NoiseTable noise, int workers)
    {
        var episodes = new TimedProblem.Counter();
        var observer = new RoundClock(config.Generations, episodes);
        var checkpointing = Checkpointing.InMemory(config);
        var result = await EmbeddedTraining.RunInAsync(
            host, config, noise, workers, observer, checkpointing with { Plan = checkpointing.Plan with { RunId = runId } }, () => new TimedProblem(ProblemFactory.Create(config), episodes)).ConfigureAwait(false);
        return new Embedded(observer.Seconds, observer.EpisodeSeconds, ThetaHash.ComputeHex(result.Outcome.Theta));
    }

    private readonly record struct Embedded(double Seconds, double EpisodeSeconds, string Hash);

    private struct BareTimes
    {
        public double Evaluation;
        public double Aggregation;
        public double Update;
        public long Steps;
        public double Episodes;

        public readonly double Total => Evaluation + Aggregation + Update;
    }

    /// <summary>Timestamps the reports of round 0 and round G−1 (the coordinator calls it right after each update).</summary>
    /// <remarks>No episode runs at those instants: a round's results are all in before its report, and the next round is published after it.</remarks>
    private sealed class RoundClock(int generations, TimedProblem.Counter episodes) : IRunObserver
    {
        private long _first;
        private long _last;
        private double _episodesFirst;
        private double _episodesLast;

        public double Seconds => (_last - _first) / (double)Stopwatch.Frequency;

        public double EpisodeSeconds => _episodesLast - _episodesFirst;

        public void OnRoundCompleted(GenerationReport report)
        {
            if (report.Generation == 0)
            {
                _first = Stopwatch.GetTimestamp();
                _episodesFirst = episodes.Seconds;
            }
            else if (report.Generation == generations - 1)
            {
                _last = Stopwatch.GetTimestamp();
                _episodesLast = episodes.Seconds;
            }
        }

        public void OnFinished(TrainingOutcome outcome)
        {
        }
    }
}
