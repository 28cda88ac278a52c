using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Es.Seed.Tests.Cli;

/// <summary>A real <c>es-seed</c> process (the built es-seed.dll beside the tests), read line by line.</summary>
internal sealed class SeedProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _errorLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errorText = new();
    private readonly Task _error;

    private SeedProcess(Process process)
    {
        _process = process;
        _error = CollectErrorAsync();
    }

    public int ExitCode => _process.ExitCode;

    public static SeedProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "es-seed.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new SeedProcess(Process.Start(start)!);
    }

    /// <summary>Reads output until a line satisfies <paramref name="match"/>; null when the process ended first.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, CancellationToken deadline)
    {
        while (await _process.StandardOutput.ReadLineAsync(deadline) is string line)
        {
            if (match(line))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>Reads standard error until a line satisfies <paramref name="match"/>; null when the process ended first.</summary>
    public async Task<string?> WaitForErrorLineAsync(Func<string, bool> match, CancellationToken deadline)
    {
        while (await _errorLines.Reader.WaitToReadAsync(deadline))
        {
            while (_errorLines.Reader.TryRead(out var line))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }

        return null;
    }

    /// <summary>SIGKILL, by process id: no chance to checkpoint anything.</summary>
    public async Task KillHardAsync(CancellationToken deadline)
    {
        _process.Kill();
        await _process.WaitForExitAsync(deadline);
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. STOP, CONT) by process id.</summary>
    public async Task SignalAsync(string signal, CancellationToken deadline)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(deadline);
    }

    /// <summary>Waits for the process to end; returns all it wrote to standard error.</summary>
    public async Task<string> WaitForExitAsync(CancellationToken deadline)
    {
        await _process.StandardOutput.ReadToEndAsync(deadline);
        await _process.WaitForExitAsync(deadline);
        await _error.WaitAsync(deadline);
        lock (_errorText)
        {
            return _errorText.ToString();
        }
    }

    private async Task CollectErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is string line)
        {
            lock (_errorText)
            {
                _errorText.AppendLine(line);
            }

            _errorLines.Writer.TryWrite(line);
        }

        _errorLines.Writer.TryComplete();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
