using System.Runtime.InteropServices;

namespace Es.Seed.Cli;

/// <summary>
/// Ctrl+C and SIGTERM ask training to finish the round in progress and record it; a
/// second Ctrl+C is left to the runtime and kills the process at once.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration? _sigterm;
    private int _requests;

    public StopSignals(CancellationTokenSource stop, TextWriter error)
    {
        _stop = stop;
        _error = error;
        Console.CancelKeyPress += OnCancelKeyPress;
        _sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSigterm);
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Request();

    private void OnSigterm(PosixSignalContext context) => context.Cancel = Request();

    private bool Request()
    {
        if (Interlocked.Increment(ref _requests) > 1)
        {
            return false;
        }

        _error.WriteLine("stopping after the generation in progress (press Ctrl+C again to abort at once)...");
        _stop.Cancel();
        return true;
    }
}
