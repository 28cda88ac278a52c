using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Es.Node.Tests.Cluster;

/// <summary>A real es-seed or es-node process (the dlls built beside the tests), its output read line by line.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly Task<string> _error;
    private readonly Task _reader;

    private HostProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _error = process.StandardError.ReadToEndAsync();
        _reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is string line)
            {
                _lines.Writer.TryWrite(line);
            }

            _lines.Writer.TryComplete();
        });
    }

    public string Name { get; }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_seen)
            {
                return string.Join('\n', _seen);
            }
        }
    }

    public static HostProcess Seed(IReadOnlyDictionary<string, string> environment, params string[] args) => Start("es-seed.dll", "seed", environment, args);

    public static HostProcess Node(string name, IReadOnlyDictionary<string, string> environment, params string[] args) => Start("es-node.dll", name, environment, args);

    /// <summary>Runs a host inside a network namespace.</summary>
    public static HostProcess InNamespace(string netns, string dll, string name, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", netns, "dotnet", Path.Combine(AppContext.BaseDirectory, dll) }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new HostProcess(Process.Start(start)!, name);
    }

    private static HostProcess Start(string dll, string name, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new HostProcess(Process.Start(start)!, name);
    }

    /// <summary>Reads output until a line matches; null when the process ended first.</summary>
    /// <exception cref="TimeoutException">The deadline passed first; the message holds the output so far.</exception>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, CancellationToken deadline)
    {
        try
        {
            return await ReadUntilAsync(match, deadline);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name}: the awaited line did not come before the deadline; its output so far:\n{Output}", e);
        }
    }

    /// <summary>
    /// Reads output until a line matches; when the process ends first, fails with its whole
    /// output. (An assertion message built with <c>await WaitForExitAsync</c> is awaited before
    /// the assertion runs: it would wait for the exit even when the line came.)
    /// </summary>
    public async Task<string> ExpectLineAsync(Func<string, bool> match, CancellationToken deadline)
    {
        var line = await WaitForLineAsync(match, deadline);
        if (line is null)
        {
            Assert.Fail($"{Name} ended before the awaited line:\n{await WaitForExitAsync(deadline)}");
        }

        return line!;
    }

    private async Task<string?> ReadUntilAsync(Func<string, bool> match, CancellationToken deadline)
    {
        while (await _lines.Reader.WaitToReadAsync(deadline))
        {
            while (_lines.Reader.TryRead(out var line))
            {
                lock (_seen)
                {
                    _seen.Add(line);
                }

                if (match(line))
                {
                    return line;
                }
            }
        }

        return null;
    }

    /// <summary>Sends a signal by process id.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public async Task KillHardAsync(CancellationToken deadline)
    {
        _process.Kill();
        await _process.WaitForExitAsync(deadline);
    }

    /// <summary>Waits for the end; returns stdout and stderr for assertion messages.</summary>
    public async Task<string> WaitForExitAsync(CancellationToken deadline)
    {
        await WaitForLineAsync(_ => false, deadline);
        await _process.WaitForExitAsync(deadline);
        await _reader;
        return $"[{Name} exit {_process.ExitCode}]\n{Output}\n[{Name} stderr]\n{await _error}";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    public static int GenerationOf(string line) =>
        int.Parse(line.AsSpan(4, line.IndexOfAny([':', '/'], 4) - 4), CultureInfo.InvariantCulture);
}
