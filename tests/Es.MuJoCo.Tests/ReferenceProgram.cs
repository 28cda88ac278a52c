using System.Diagnostics;
using System.Globalization;

namespace Es.MuJoCo.Tests;

/// <summary>
/// tests/mujoco-reference/gymnasium_v4_reference.c, built with gcc against libmujoco once per
/// test run and run per trajectory: Gymnasium's v4 rewards, terminations and observations
/// written again in C from the published definitions, sharing nothing with Es.MuJoCo but the
/// MJCF model and the engine. scripts/test.sh installs gcc and libmujoco-dev.
/// </summary>
internal static class ReferenceProgram
{
    private static readonly Lazy<string> Executable = new(Build);

    /// <summary>Runs the program on one task's shipped model and parses what it prints.</summary>
    public static ReferenceTrajectory Run(string task, string modelPath, int scenario, int maxSteps)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { task, modelPath, scenario.ToString(CultureInfo.InvariantCulture), maxSteps.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, output, error) = RunToEnd(start);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Executable.Value} {string.Join(' ', start.ArgumentList)} exited with {exitCode}: {error}");
        }

        return ReferenceTrajectory.Parse(output);
    }

    private static string Build()
    {
        string source = Path.Combine(RepositoryRoot(), "tests", "mujoco-reference", "gymnasium_v4_reference.c");
        string directory = Path.Combine(Path.GetTempPath(), $"es-mujoco-reference-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        string executable = Path.Combine(directory, "gymnasium_v4_reference");
        var start = new ProcessStartInfo("gcc")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-O2", "-o", executable, source, "-l:libmujoco.so.2.2.2", "-lm" })
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, _, error) = RunToEnd(start);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"gcc could not build {source} (scripts/test.sh installs gcc and libmujoco-dev): {error}");
        }

        return executable;
    }

    private static (int ExitCode, string Output, string Error) RunToEnd(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EsAkka.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("EsAkka.sln not found above the test binaries");
    }
}

/// <summary>The initial state and, per step, the action and what the reference task returned.</summary>
internal sealed record ReferenceTrajectory(double[] Qpos, double[] Qvel, IReadOnlyList<ReferenceStep> Steps)
{
    public static ReferenceTrajectory Parse(string output)
    {
        double[]? qpos = null, qvel = null;
        float[]? action = null;
        var steps = new List<ReferenceStep>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ');
            var values = fields.AsSpan(1);
            switch (fields[0])
            {
                case "qpos":
                    qpos = Doubles(values);
                    break;
                case "qvel":
                    qvel = Doubles(values);
                    break;
                case "action":
                    action = [.. Doubles(values).Select(v => (float)v)];
                    break;
                case "result":
                    steps.Add(new ReferenceStep(
                        action ?? throw new FormatException("a result line before its action"),
                        ParseDouble(values[0]),
                        values[1] == "1",
                        Doubles(values[2..])));
                    action = null;
                    break;
                default:
                    throw new FormatException($"unexpected line from the reference program: {line}");
            }
        }

        return new ReferenceTrajectory(qpos ?? throw new FormatException("no qpos line"), qvel ?? throw new FormatException("no qvel line"), steps);
    }

    private static double[] Doubles(ReadOnlySpan<string> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = ParseDouble(values[i]);
        }

        return result;
    }

    private static double ParseDouble(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>One step of a reference trajectory.</summary>
internal sealed record ReferenceStep(float[] Action, double Reward, bool Terminated, double[] Observation);
