using System.Text;
using Es.Seed.Cli;

namespace Es.Dashboard.Tests.Cli;

/// <summary>Captures a command's output and lets a test wait for a line while the command still runs.</summary>
internal sealed class WatchedOutput : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public static ConsoleOutput Console(WatchedOutput output, WatchedOutput error) => new(output, error, Interactive: false);

    /// <summary>Runs the CLI in-process to its end: the exit code, standard output and error.</summary>
    public static async Task<(int Code, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new WatchedOutput();
        using var error = new WatchedOutput();
        int code = await SeedCli.RunAsync(args, Console(output, error));
        return (code, output.Text, error.Text);
    }

    /// <summary>The first line (from now on, or already written) that matches.</summary>
    public Task<string> LineAsync(Func<string, bool> match)
    {
        lock (_gate)
        {
            var seen = _text.ToString().Split('\n').FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
            return found.Task;
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }

            var line = _line.ToString();
            _line.Clear();
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }
}
