using Spectre.Console;
using Spectre.Console.Rendering;

namespace EzHomelab.Deploy;

/// <summary>Where the deployer says what it is doing. Progress only: never data, never a secret.</summary>
public interface IDeployProgress
{
    /// <summary>A stack moved to a phase: <c>checking</c>, <c>writing files</c>, <c>compose up</c>, <c>waiting</c>, <c>deployed</c>, …</summary>
    void StackPhase(string server, string stack, string phase);

    /// <summary>A service's container changed state while the deployer waits for it: <c>starting</c>, <c>healthy</c>, <c>exited</c>, …</summary>
    void ServiceState(string server, string stack, string service, string state);

    void Note(string line);
}

/// <summary>How a stack is named in progress, tables and messages: <c>stack</c>, or <c>server/stack</c> with several servers.</summary>
public static class StackLabel
{
    public static string Of(string server, string stack, bool severalServers) => severalServers ? $"{server}/{stack}" : stack;
}

/// <summary>One line per change, for logs, pipes and <c>NO_COLOR</c>.</summary>
public sealed class PlainProgress(TextWriter writer, bool severalServers) : IDeployProgress
{
    private readonly object _lock = new();

    public void StackPhase(string server, string stack, string phase) => Write($"{StackLabel.Of(server, stack, severalServers)}: {phase}");

    public void ServiceState(string server, string stack, string service, string state) => Write($"{StackLabel.Of(server, stack, severalServers)}/{service}: {state}");

    public void Note(string line) => Write(line);

    private void Write(string line)
    {
        lock (_lock) writer.WriteLine(line);
    }
}

/// <summary>
/// A live table on a terminal: one row per stack with its phase, and one per service it is waiting for. Runs the
/// deploy inside Spectre.Console's live display, so the table is redrawn in place as states change.
/// </summary>
public sealed class LiveProgress(IAnsiConsole console, bool severalServers) : IDeployProgress
{
    private readonly object _lock = new();
    private readonly List<(string Key, string Label, string State)> _rows = [];
    private readonly List<string> _notes = [];
    private LiveDisplayContext? _context;

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        await console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            _context = context;
            result = await work().ConfigureAwait(false);
            Refresh();
        }).ConfigureAwait(false);
        return result;
    }

    public void StackPhase(string server, string stack, string phase)
    {
        var label = StackLabel.Of(server, stack, severalServers);
        Set(label, label, phase, parent: null);
    }

    public void ServiceState(string server, string stack, string service, string state)
    {
        var parent = StackLabel.Of(server, stack, severalServers);
        Set(parent + "/" + service, "  " + service, state, parent);
    }

    public void Note(string line)
    {
        lock (_lock) _notes.Add(line);
        Refresh();
    }

    /// <param name="parent">The stack row a service row goes under (after the stack's other rows); null for a stack row.</param>
    private void Set(string key, string label, string state, string? parent)
    {
        lock (_lock)
        {
            var index = _rows.FindIndex(r => r.Key == key);
            if (index >= 0) _rows[index] = (key, label, state);
            else
            {
                var after = parent is null ? -1 : _rows.FindLastIndex(r => r.Key == parent || r.Key.StartsWith(parent + "/", StringComparison.Ordinal));
                _rows.Insert(after >= 0 ? after + 1 : _rows.Count, (key, label, state));
            }
        }
        Refresh();
    }

    private void Refresh()
    {
        if (_context is null) return;
        lock (_lock) _context.UpdateTarget(Render());
    }

    private IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("stack / service").AddColumn("state");
        foreach (var (_, label, state) in _rows) table.AddRow(Markup.Escape(label), $"[{Color(state)}]{Markup.Escape(state)}[/]");
        var rows = new List<IRenderable> { table };
        rows.AddRange(_notes.Select(n => new Markup($"[grey]{Markup.Escape(n)}[/]")));
        return new Rows(rows);
    }

    private static string Color(string state) => state switch
    {
        "healthy" or "running" or "deployed" or "created" or "unchanged" or "removed" => "green",
        "unhealthy" or "exited" or "dead" or "failed" or "restarting" or "blocked" => "red",
        "rolled back" => "yellow",
        _ => "blue",
    };
}
