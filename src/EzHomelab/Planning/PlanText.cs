using Spectre.Console;

namespace EzHomelab.Planning;

/// <summary>Writes a plan for people: per server and stack, <c>+</c> add, <c>~</c> change, <c>-</c> remove; optionally with diffs.</summary>
public static class PlanText
{
    public const string HiddenContents = "contents hidden (holds secrets)";

    /// <summary>A console over <paramref name="writer"/>: colored when <paramref name="color"/>, never wrapping lines.</summary>
    public static IAnsiConsole Console(TextWriter writer, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 100_000;
        return console;
    }

    public static void Write(Plan plan, IAnsiConsole console, bool withDiff) => Write(plan, TextOutput.Over(console), withDiff);

    internal static void Write(Plan plan, TextOutput console, bool withDiff)
    {
        var summary = plan.Summary;
        bool severalServers = plan.Servers.Count > 1;
        foreach (var server in plan.Servers)
        {
            var changed = server.Stacks.Where(s => s.HasChanges).ToList();
            if (severalServers && changed.Count > 0) console.MarkupLine($"[bold]server {Markup.Escape(server.Name)}[/]");
            foreach (var stack in changed)
            {
                var indent = severalServers ? "  " : "";
                console.MarkupLine($"{indent}[bold]{Markup.Escape(stack.Name)}[/]");
                foreach (var file in stack.Files.Where(f => f.Change != FileChange.Unchanged))
                {
                    var (mark, color, verb) = file.Drifted ? ("!", "red", file.Change == FileChange.Remove ? "remove" : "replace") : file.Change switch
                    {
                        FileChange.Add => ("+", "green", "add"),
                        FileChange.Remove => ("-", "red", "remove"),
                        _ => ("~", "yellow", "change"),
                    };
                    var note = file.Note is null ? "" : $" [grey]{Markup.Escape(file.Note)}[/]";
                    console.MarkupLine($"{indent}  [{color}]{mark} {Markup.Escape(file.StackPath)}[/] [grey]({verb})[/]{note}");
                    if (withDiff) WriteDiff(console, file, indent + "    ");
                }
            }
        }

        if (!summary.HasChanges)
            console.MarkupLine($"No changes: {summary.Unchanged} files up to date under {Markup.Escape(plan.Root)}.");
        else
            console.MarkupLine($"Plan for {Markup.Escape(plan.Root)}: [green]{summary.Add} to add[/], [yellow]{summary.Change} to change[/], [red]{summary.Remove} to remove[/], {summary.Unchanged} unchanged.");
    }

    private static void WriteDiff(TextOutput console, PlannedFile file, string indent)
    {
        if (file.Sensitive)
        {
            console.MarkupLine($"{indent}[grey]{HiddenContents}[/]");
            return;
        }
        var diff = UnifiedDiff.Create(file.CurrentContent, file.NewContent, "a/" + file.Path, "b/" + file.Path);
        if (diff.Length == 0)
        {
            bool modeChanges = file.CurrentMode is { } mode && mode != file.Mode;
            var what = file.OwnerChanges ? (modeChanges ? "file mode and owner only" : "file owner only") : "file mode only";
            console.MarkupLine($"{indent}[grey]{what}[/]");
            return;
        }
        foreach (var line in diff.TrimEnd('\n').Split('\n'))
        {
            var style = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "bold"
                : line.StartsWith('+') ? "green"
                : line.StartsWith('-') ? "red"
                : line.StartsWith("@@", StringComparison.Ordinal) ? "cyan"
                : null;
            console.MarkupLine(style is null ? Markup.Escape(line) : $"[{style}]{Markup.Escape(line)}[/]");
        }
    }
}
