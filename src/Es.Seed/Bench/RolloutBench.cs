using System.Diagnostics;
using Es.Actors.Evaluation;
using Es.Actors.Fabric;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Noise;
using Es.Core.Normalization;
using Es.Core.Randomness;
using Es.Core.Rollouts;
using Es.MuJoCo;
using Es.MuJoCo.Environments;

namespace Es.Seed.Bench;

/// <summary>
/// <c>bench rollout CONFIG</c>: environment steps per second of one evaluator on the
/// calling thread, scoring candidates of θ₀ exactly as an evaluator actor does
/// (<see cref="EvaluatorActor.Score"/>: perturbation, episodes, observation sampling).
/// A MuJoCo task also reports its model file, physics steps per second, and the bare
/// engine's steps per second in the same process (no policy: <c>mujoco-testspeed</c>'s figure).
/// </summary>
internal static class RolloutBench
{
    public static BenchReport Run(TrainingConfig config, double seconds)
    {
        var noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
        var problem = ProblemFactory.Create(config);
        var evaluator = new CandidateEvaluator(problem, noise, config.Seed, config.Strategy.EpisodesPerCandidate, config.Strategy.RewardShift);
        var theta = new float[problem.ParameterCount];
        problem.Initialize(theta, SeedMixer.Derive(config.Seed, 0));

        // A real (non-identity) filter, so the normalisation's cost is measured like the C baseline's.
        int size = problem.ObservationSize;
        var filter = config.ObsNorm.Enabled
            ? new ObservationFilter(new float[size], Enumerable.Repeat(1f, size).ToArray())
            : ObservationFilter.Identity(size);
        var view = new GenerationView(0, theta, filter, (float)config.Strategy.Sigma);
        var settings = new EvaluatorSettings(config.Seed, config.ObsNorm.Enabled ? config.ObsNorm.Fraction : 0);
        int perTask = config.Tasks.CandidatesPerTask;

        // Warm-up: let tiered compilation reach the optimised code before timing.
        int next = 0;
        Measure(evaluator, view, settings, perTask, ref next, Math.Min(1.0, seconds / 3));
        // Process CPU time as well as wall time: on a shared machine other tenants' load
        // stretches wall time, CPU time much less (see docs/benchmarks.md).
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var (steps, candidates, elapsed) = Measure(evaluator, view, settings, perTask, ref next, seconds);
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;

        var report = new BenchReport()
            .Add("benchmark", "rollout")
            .Add("env", problem.Name)
            .Add("parameters", problem.ParameterCount)
            .Add("env_steps_per_second", steps / elapsed)
            .Add("candidates_per_second", candidates / elapsed)
            .Add("mean_episode_length", (double)steps / (candidates * config.Strategy.EpisodesPerCandidate))
            .Add("env_steps_per_cpu_second", steps / cpu)
            .Add("env_steps", steps)
            .Add("seconds", elapsed)
            .Add("cpu_seconds", cpu);
        AddPhysics(report, config.Env.Name, steps, elapsed, cpu, Math.Min(2.0, seconds / 2));
        return report;
    }

    /// <summary>
    /// For a MuJoCo task: the model file and physics steps (<c>mj_step</c> calls, frame_skip per
    /// environment step) per second of the rollouts above; then, for <paramref name="bareSeconds"/>,
    /// the engine alone in this process (<c>mj_step</c> in a loop from the model's default pose with
    /// zero controls, no policy, resets or observations): what <c>mujoco-testspeed MODEL</c> measures.
    /// </summary>
    private static void AddPhysics(BenchReport report, string name, long steps, double elapsed, double cpu, double bareSeconds)
    {
        if (!EnvironmentRegistry.TryCreate(name, out var environment) || environment is not MuJoCoEnvironment mujoco)
        {
            return;
        }

        using (mujoco)
        {
            long physicsSteps = steps * mujoco.FrameSkip;
            report
                .Add("model_file", mujoco.Simulation.ModelPath)
                .Add("frame_skip", mujoco.FrameSkip)
                .Add("physics_steps_per_second", physicsSteps / elapsed)
                .Add("physics_steps_per_cpu_second", physicsSteps / cpu)
                .Add("physics_steps", physicsSteps);

            var simulation = mujoco.Simulation;
            simulation.Reset();
            long bare = 0;
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < bareSeconds)
            {
                simulation.Step(100);
                bare += 100;
            }

            double bareElapsed = clock.Elapsed.TotalSeconds;
            double bareCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            report
                .Add("bare_physics_steps_per_second", bare / bareElapsed)
                .Add("bare_physics_steps_per_cpu_second", bare / bareCpu);

            var (driven, drivenElapsed, drivenCpu) = StepDriven(simulation, bareSeconds);
            report
                .Add("driven_physics_steps_per_second", driven / drivenElapsed)
                .Add("driven_physics_steps_per_cpu_second", driven / drivenCpu);
        }
    }

    /// <summary>
    /// The engine alone again, with controls at the ends of the ctrlrange, switching every 20
    /// steps, and a reset every 4000 steps: the loop of <c>bench/mujoco/step_cost.c</c>
    /// ("driven"), so that a moving model (joint limits and contacts engaged, as in the rollouts)
    /// compares with the same workload in C.
    /// </summary>
    private static (long Steps, double Seconds, double CpuSeconds) StepDriven(MuJoCoSimulation simulation, double seconds)
    {
        const int Hold = 20, Episode = 4000;
        var range = simulation.ActuatorCtrlRange;
        simulation.Reset();
        long steps = 0;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (int k = 0; k < 100; k++, steps++)
            {
                if (steps % Episode == 0)
                {
                    simulation.Reset();
                }

                var ctrl = simulation.Ctrl;
                for (int i = 0; i < ctrl.Length; i++)
                {
                    ctrl[i] = (((steps / Hold) + i) % 2) != 0 ? range[(2 * i) + 1] : range[2 * i];
                }

                simulation.Step();
            }
        }

        return (steps, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds);
    }

    private static (long Steps, long Candidates, double Seconds) Measure(
        CandidateEvaluator evaluator, GenerationView view, EvaluatorSettings settings, int perTask, ref int next, double seconds)
    {
        long steps = 0, candidates = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var result = EvaluatorActor.Score(evaluator, new EvaluationTask(0, TaskKind.Candidates, next, perTask), view, settings);
            next += perTask;
            steps += result.Steps;
            candidates += perTask;
        }

        return (steps, candidates, clock.Elapsed.TotalSeconds);
    }
}
