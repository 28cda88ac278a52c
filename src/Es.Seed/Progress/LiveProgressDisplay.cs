using Spectre.Console;

namespace Es.Seed.Progress;

/// <summary>
/// A table redrawn in place on an interactive terminal. Spectre's live display runs on
/// its own task; rounds update the table and refresh it.
/// </summary>
public sealed class LiveProgressDisplay : IProgressDisplay, IAsyncDisposable
{
    private readonly Table _table = new();
    private readonly IAnsiConsole _console;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<LiveDisplayContext> _context = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _live;
    private readonly object _gate = new();

    /// <summary>Starts the live display on <paramref name="console"/>.</summary>
    public LiveProgressDisplay(IAnsiConsole console)
    {
        _console = console;
        _table.Border(TableBorder.Rounded).AddColumn("generation").AddColumn("reward mean").AddColumn("reward max")
            .AddColumn("eval return").AddColumn("evals/s").AddColumn("env steps/s").AddColumn("elapsed").AddColumn("remaining");
        _live = console.Live(_table).StartAsync(async context =>
        {
            _context.TrySetResult(context);
            await _done.Task.ConfigureAwait(false);
        });
    }

    /// <inheritdoc/>
    public void Show(ProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var r = snapshot.Report;
        lock (_gate)
        {
            _table.Rows.Clear();
            _table.AddRow(
                $"{r.Generation}/{snapshot.GenerationsPlanned}",
                Format.Number(r.RewardMean),
                Format.Number(r.RewardMax),
                snapshot.LastEvalReturn is double e ? Format.Number(e) : "-",
                Format.Number(snapshot.EvaluationsPerSecond),
                Format.Number(snapshot.StepsPerSecond),
                Format.Duration(snapshot.Elapsed),
                Format.Duration(snapshot.Remaining));
            if (_context.Task.IsCompletedSuccessfully)
            {
                _context.Task.Result.Refresh();
            }
        }
    }

    /// <inheritdoc/>
    public void Message(string text) => _console.MarkupLine(Markup.Escape(text));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _done.TrySetResult();
        await _live.ConfigureAwait(false);
    }
}
