using System.Diagnostics;

namespace Es.Seed.Tests.Cli;

/// <summary>
/// A real es-seed process that cannot see MuJoCo: in a mount namespace of its own, the
/// library file is covered with /dev/null (the tests run as root, like the multi-host test).
/// </summary>
public sealed class MuJoCoMissingEngineTests : IDisposable
{
    private const string Library = "libmujoco.so.2.2.2";
    private readonly CliRunner _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("train")]
    [InlineData("bench")]
    public async Task Command_MuJoCoConfigWithoutTheEngine_ExitsTwoWithOneLineNamingThePackage(string command)
    {
        var config = _files.Write("pendulum.json", """{ "env": { "name": "InvertedPendulum-v4" } }""");
        string[] args = command == "bench" ? ["bench", "rollout", config] : ["train", config, "--run-dir", Path.Combine(_files.Root, "run")];

        var (code, error) = await RunWithoutEngineAsync(args);

        Assert.Equal(2, code);
        Assert.Equal(
            $"error: {config}: env.name: InvertedPendulum-v4: MuJoCo environments need the MuJoCo 2.2.2 engine and {Library} was not found; install it with: apt-get install -y libmujoco2.2.2",
            error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_files.Root, "run")));
    }

    private static async Task<(int Code, string Error)> RunWithoutEngineAsync(string[] args)
    {
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // $1: the library to hide (or empty when it is not installed at all), $2: es-seed.dll, then its arguments.
        foreach (var arg in new[] { "-m", "sh", "-c", "[ -z \"$1\" ] || mount --bind /dev/null \"$1\" || exit 99; shift; exec dotnet \"$@\"", "sh" })
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(InstalledLibrary() ?? string.Empty);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "es-seed.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.StandardOutput.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await error);
    }

    private static string? InstalledLibrary() =>
        new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib" }
            .Select(directory => Path.Combine(directory, Library))
            .FirstOrDefault(File.Exists);
}
