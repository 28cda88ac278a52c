namespace Es.Seed.Cli;

/// <summary>Where a command writes: standard output and error, and whether output is a terminal.</summary>
/// <param name="Out">Progress and results.</param>
/// <param name="Error">Errors.</param>
/// <param name="Interactive">True on a terminal: a live display instead of plain lines.</param>
public sealed record ConsoleOutput(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The process's console.</summary>
    public static ConsoleOutput System => new(Console.Out, Console.Error, !Console.IsOutputRedirected);
}
