using System.Globalization;
using Es.Actors.Training;

namespace Es.Seed.Runs;

/// <summary>Appends one <c>metrics.csv</c> row per round, flushed at once so a crash loses nothing written.</summary>
public sealed class MetricsWriter : IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "generation,updated,reward_mean,reward_max,reward_min,eval_return,evaluations,env_steps,wall_seconds,theta_norm,obs_count,candidates_failed";

    private readonly StreamWriter _writer;

    /// <summary>Creates (or truncates) the file and writes the header.</summary>
    public MetricsWriter(string path)
    {
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
        _writer.WriteLine(Header);
    }

    /// <summary>Writes one row.</summary>
    public void Write(GenerationReport report, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        _writer.WriteLine(string.Join(
            ',',
            report.Generation.ToString(c),
            report.Updated ? "1" : "0",
            Number(report.RewardMean),
            Number(report.RewardMax),
            Number(report.RewardMin),
            report.EvalReturn is double e ? Number(e) : string.Empty,
            report.Evaluations.ToString(c),
            report.EnvSteps.ToString(c),
            wallSeconds.ToString("F3", c),
            Number(report.ThetaNorm),
            report.ObservationCount.ToString(c),
            report.CandidatesFailed.ToString(c)));
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();

    private static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);
}
