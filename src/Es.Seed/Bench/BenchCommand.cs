using System.CommandLine;
using Es.Core.Configuration;
using Es.Core.Rollouts;
using Es.Seed.Cli;
using Es.Seed.Configuration;

namespace Es.Seed.Bench;

/// <summary>
/// <c>bench rollout CONFIG | update --dim D --population P | generation CONFIG</c>, each
/// printing its figures (one JSON object with <c>--json</c>). See docs/benchmarks.md.
/// </summary>
public static class BenchCommand
{
    /// <summary>The command, bound to <paramref name="output"/>.</summary>
    public static Command Create(ConsoleOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var json = new Option<bool>("--json") { Description = "Print one JSON object.", Recursive = true };
        var command = new Command("bench", "Measure throughput: rollouts, the update, whole generations.") { json };
        command.Subcommands.Add(Rollout(output, json));
        command.Subcommands.Add(Update(output, json));
        command.Subcommands.Add(Generation(output, json));
        return command;
    }

    private static Command Rollout(ConsoleOutput output, Option<bool> json)
    {
        var config = ConfigArgument();
        var set = SetOption();
        var seconds = new Option<double>("--seconds") { Description = "Measuring time (after 1 s of warm-up).", DefaultValueFactory = _ => 3.0 };
        var command = new Command("rollout", "Environment steps per second of one evaluator on one thread.") { config, set, seconds };
        command.SetAction((parse, _) => RunAsync(output, parse.GetValue(json), () =>
        {
            var loaded = Load(parse.GetValue(config)!, parse.GetValue(set));
            CheckPositive("--seconds", parse.GetValue(seconds));
            return Task.FromResult(RolloutBench.Run(loaded, parse.GetValue(seconds)));
        }));
        return command;
    }

    private static Command Update(ConsoleOutput output, Option<bool> json)
    {
        var dim = new Option<int>("--dim") { Description = "Parameters D.", DefaultValueFactory = _ => 1_000_000 };
        var population = new Option<int>("--population") { Description = "Candidates P (P/2 noise slices).", DefaultValueFactory = _ => 1000 };
        var tableSize = new Option<int>("--table-size") { Description = "Noise table values.", DefaultValueFactory = _ => 1 << 25 };
        var seconds = new Option<double>("--seconds") { Description = "Measuring time (at least 3 repetitions).", DefaultValueFactory = _ => 5.0 };
        var command = new Command("update", "Gradient accumulation bandwidth against a plain sequential read.") { dim, population, tableSize, seconds };
        command.SetAction((parse, _) => RunAsync(output, parse.GetValue(json), () =>
        {
            int d = parse.GetValue(dim), p = parse.GetValue(population), t = parse.GetValue(tableSize);
            if (d < 1 || d > t)
            {
                throw new ConfigException("--dim", string.Empty, $"expected 1 to the table size ({t}), got {d}");
            }

            if (p < 2 || p % 2 != 0)
            {
                throw new ConfigException("--population", string.Empty, $"expected an even number of at least 2, got {p}");
            }

            CheckPositive("--seconds", parse.GetValue(seconds));
            return Task.FromResult(UpdateBench.Run(d, p, t, parse.GetValue(seconds)));
        }));
        return command;
    }

    private static Command Generation(ConsoleOutput output, Option<bool> json)
    {
        var config = ConfigArgument();
        var set = SetOption();
        var generations = new Option<int>("--generations") { Description = "Generations per run (rounds 1..G-1 are timed).", DefaultValueFactory = _ => 31 };
        var workers = new Option<int>("--workers") { Description = "Evaluators of the all-cores run.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var repetitions = new Option<int>("--repetitions") { Description = "Runs of each kind; the fastest counts.", DefaultValueFactory = _ => 3 };
        var command = new Command("generation", "Generation time split into evaluation, aggregation, update and coordination.") { config, set, generations, workers, repetitions };
        command.SetAction((parse, cancellationToken) => RunAsync(output, parse.GetValue(json), () =>
        {
            int g = parse.GetValue(generations);
            if (g < 2)
            {
                throw new ConfigException("--generations", string.Empty, $"expected at least 2, got {g}");
            }

            // Every round alike: no evaluation of θ, no early stop.
            var overrides = (parse.GetValue(set) ?? []).Concat([$"generations={g}", "evaluation.every=10000000", "evaluation.stop_when_solved=false"]);
            var loaded = Load(parse.GetValue(config)!, overrides);
            int w = parse.GetValue(workers), r = parse.GetValue(repetitions);
            if (w < 1 || r < 1)
            {
                throw new ConfigException(w < 1 ? "--workers" : "--repetitions", string.Empty, $"expected at least 1, got {Math.Min(w, r)}");
            }

            return GenerationBench.RunAsync(loaded, w, r);
        }));
        return command;
    }

    private static Argument<string> ConfigArgument() =>
        new("CONFIG") { Description = "A training configuration (JSON; see config/reference.jsonc)." };

    private static Option<string[]> SetOption() =>
        new("--set") { Description = "Overrides any key, e.g. --set policy.hidden=[64,64] (repeatable).", AllowMultipleArgumentsPerToken = false };

    private static void CheckPositive(string name, double value)
    {
        if (!(value > 0))
        {
            throw new ConfigException(name, string.Empty, $"expected a positive number, got {value}");
        }
    }

    private static TrainingConfig Load(string path, IEnumerable<string>? overrides)
    {
        var config = ConfigFile.Load(path, [.. overrides ?? []]);
        int parameters = ProblemFactory.CreateChecked(config, path).ParameterCount;
        if (parameters > config.Noise.TableSize)
        {
            throw new ConfigException(path, "noise.table_size", $"expected at least {parameters} (the policy's parameter count), got {config.Noise.TableSize}");
        }

        return config;
    }

    private static async Task<int> RunAsync(ConsoleOutput output, bool json, Func<Task<BenchReport>> run)
    {
        BenchReport report;
        try
        {
            report = await run().ConfigureAwait(false);
        }
        catch (ConfigException e)
        {
            await output.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await output.Out.WriteLineAsync(json ? report.ToJson() : report.ToText()).ConfigureAwait(false);
        return ExitCodes.Done;
    }
}
