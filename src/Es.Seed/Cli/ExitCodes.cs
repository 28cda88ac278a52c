namespace Es.Seed.Cli;

/// <summary>Process exit codes (fixed by DESIGN.md; scripts depend on them).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Done = 0;

    /// <summary>Failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: the message names the file, the key and what was expected.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl+C, SIGTERM) after the round in progress was completed and recorded.</summary>
    public const int Interrupted = 130;
}
