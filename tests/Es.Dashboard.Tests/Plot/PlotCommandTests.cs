using Es.Dashboard.Tests.Browser;
using Es.Dashboard.Tests.Cli;
using Es.Seed.Cli;

namespace Es.Dashboard.Tests.Plot;

public sealed class PlotCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("es-plot-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        var (code, _, error) = await WatchedOutput.RunCliAsync(args);
        return (code, error.Trim());
    }

    [Fact]
    public async Task Plot_TwoRunsToPng_WritesAnImage()
    {
        var a = RunDirectories.Write(_root, "a", seed: 1, rounds: 20, finished: true);
        var b = RunDirectories.Write(_root, "b", seed: 2, rounds: 30, finished: true);
        var png = Path.Combine(_root, "curves.png");
        var (code, error) = await RunAsync("plot", a, b, "--out", png, "--width", "640", "--height", "400");
        Assert.Equal(ExitCodes.Done, code);
        Assert.Equal(string.Empty, error);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Equal(640, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4))); // IHDR width
        Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    [Fact]
    public async Task Plot_ToSvg_LabelsEveryRunAndTheThreshold()
    {
        var a = RunDirectories.Write(_root, "a", seed: 1, rounds: 20, finished: true);
        var b = RunDirectories.Write(_root, "b", seed: 2, rounds: 30, finished: false);
        var svg = Path.Combine(_root, "curves.svg");
        Assert.Equal(ExitCodes.Done, (await RunAsync("plot", a, b, "--out", svg)).Code);
        var text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("CartPole-v1 openai-es seed 1: reward mean", text, StringComparison.Ordinal);
        Assert.Contains("CartPole-v1 openai-es seed 2: evaluation return", text, StringComparison.Ordinal);
        Assert.Contains("solved threshold 475", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plot_BadExtension_OneLineExit2()
    {
        var a = RunDirectories.Write(_root, "a", seed: 1, rounds: 3, finished: true);
        var (code, error) = await RunAsync("plot", a, "--out", Path.Combine(_root, "x.jpg"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: --out: expected a file name ending in .png or .svg", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n'));
    }

    [Fact]
    public async Task Plot_NotARun_OneLineExit2()
    {
        var (code, error) = await RunAsync("plot", _root, "--out", Path.Combine(_root, "x.png"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"error: {_root}: not a readable run directory (no config.json, or it cannot be read)", error);
        Assert.False(File.Exists(Path.Combine(_root, "x.png")));
    }
}
