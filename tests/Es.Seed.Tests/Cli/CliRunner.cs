using System.Text.Json;
using Es.Seed.Cli;

namespace Es.Seed.Tests.Cli;

/// <summary>Runs the CLI in-process against a temporary directory and captures its output.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Root = Directory.CreateTempSubdirectory("es-seed-tests-").FullName;
    }

    public string Root { get; }

    public string Out { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<int> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await SeedCli.RunAsync(args, new ConsoleOutput(output, error, Interactive: false));
        Out = output.ToString();
        Error = error.ToString();
        return code;
    }

    /// <summary>Runs a command that must be refused as bad input: exit 2, a message, no stack trace. Returns the error output.</summary>
    public async Task<string> FailsWithBadInputAsync(params string[] args)
    {
        Assert.Equal(2, await RunAsync(args));
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Error));
        return Error;
    }

    public static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
