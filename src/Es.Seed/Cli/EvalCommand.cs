using System.CommandLine;
using System.Globalization;
using Es.Actors.Persistence;
using Es.Actors.Training;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Randomness;
using Es.Core.Rollouts;
using Es.Seed.Hosting;
using Es.Seed.Runs;

namespace Es.Seed.Cli;

/// <summary><c>eval RUN_DIR [--episodes N]</c>: score a run's latest θ on fresh episodes, without changing the run.</summary>
public static class EvalCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        var runDir = new Argument<string>("RUN_DIR") { Description = "The run directory." };
        var episodes = new Option<int>("--episodes") { Description = "Episodes to run.", DefaultValueFactory = _ => 100 };
        var command = new Command("eval", "Evaluate a run's latest policy on fresh episodes (read-only).") { runDir, episodes };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(runDir)!, parse.GetValue(episodes), output));
        return command;
    }

    /// <summary>Runs <c>eval</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string runPath, int episodes, ConsoleOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (episodes < 1)
        {
            await output.Error.WriteLineAsync($"error: --episodes: expected a whole number of at least 1, got {episodes}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        TrainingConfig config;
        TrainingSession session;
        try
        {
            var run = RunDirectory.Open(runPath);
            config = ConfigLoader.Load(File.ReadAllText(run.ConfigPath), run.ConfigPath);
            RunStores.CheckReadable(config, run);
            var noise = await NoiseTables.BuildAsync(config, output).ConfigureAwait(false);
            session = new TrainingSession(config, noise, ProblemFactory.Create(config));
            await RunStores.ReadAsync(config, run, session, line => output.Error.WriteLine($"warning: {line}")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConfigException or CheckpointException or IOException or UnauthorizedAccessException or EnvironmentUnavailableException)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (StoreUnavailableException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var theta = session.Theta.ToArray();
        var filter = session.Filter;
        var returns = new double[episodes];
        Parallel.For(0, episodes, () => ProblemFactory.Create(config), (episode, _, problem) =>
        {
            // A stream of episode seeds of its own: these episodes were never seen in training.
            returns[episode] = problem.Run(theta, SeedMixer.Derive(config.Seed, 5, episode), filter, null).Return;
            return problem;
        }, _ => { });
        var threshold = config.Evaluation.SolvedThreshold(ProblemFactory.Create(config).SolvedThreshold);
        var c = CultureInfo.InvariantCulture;
        double mean = returns.Average();
        await output.Out.WriteLineAsync(
            $"{config.Env.Name} at generation {session.Generation}: mean return {mean.ToString("F2", c)} over {episodes} episodes " +
            $"(min {returns.Min().ToString("F2", c)}, max {returns.Max().ToString("F2", c)}); threshold {threshold.ToString(c)}: {(mean >= threshold ? "solved" : "not solved")}").ConfigureAwait(false);
        return ExitCodes.Done;
    }
}
