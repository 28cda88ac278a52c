using System.Diagnostics;
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Seed.Cli;

namespace Es.Seed.Hosting;

/// <summary>Builds a run's noise table, saying how long it took.</summary>
internal static class NoiseTables
{
    public static async Task<NoiseTable> BuildAsync(TrainingConfig config, ConsoleOutput output)
    {
        var clock = Stopwatch.StartNew();
        var noise = new NoiseTable(config.Noise.TableSize, config.Noise.Seed);
        await output.Out.WriteLineAsync($"noise table: {config.Noise.TableSize:N0} values in {clock.Elapsed.TotalSeconds:F2} s").ConfigureAwait(false);
        return noise;
    }

    /// <summary>Starts building the table on the thread pool; the caller goes on (the actor system starts meanwhile).</summary>
    public static Task<NoiseTable> BuildInBackground(TrainingConfig config, ConsoleOutput output) =>
        Task.Run(() => BuildAsync(config, output));
}
