namespace Es.TestKit;

/// <summary>Bounds on real-time waits: a test that would hang fails instead. Never a synchronisation by itself.</summary>
public static class TestTimeouts
{
    /// <summary>The default wait for something expected to happen.</summary>
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(10);
}
