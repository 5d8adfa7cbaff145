using System.Text;
using Spectre.Console;

namespace EzHomelab.Planning;

/// <summary>
/// Where the runner writes for people: lines of Spectre.Console markup, and tables with a simple border. Colored output
/// goes through Spectre.Console. Plain output (a pipe, a file, <c>NO_COLOR</c>) of plain text — printable ASCII, which
/// is all the runner writes but for the odd file name or engine message — is laid out here, exactly as
/// Spectre.Console lays it out: setting Spectre.Console up and rendering its first line and table costs a cold process
/// tens of milliseconds, as much as the rest of a deploy that has nothing to do. Anything else goes to Spectre.Console.
/// </summary>
internal abstract class TextOutput
{
    /// <summary>Colored through Spectre.Console when <paramref name="color"/>, else plain.</summary>
    public static TextOutput For(TextWriter writer, bool color) => color ? new Styled(PlanText.Console(writer, color: true)) : new Plain(writer);

    /// <summary>Over a console the caller made.</summary>
    public static TextOutput Over(IAnsiConsole console) => new Styled(console);

    /// <summary>One line of markup (<c>[green]…[/]</c>; text escaped with <see cref="Markup.Escape"/>).</summary>
    public abstract void MarkupLine(string markup);

    /// <summary>A table with <see cref="TableBorder.Simple"/>; every header and cell is markup.</summary>
    public abstract void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows);

    private static Table SpectreTable(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns(columns.ToArray());
        foreach (var row in rows) table.AddRow(row.ToArray());
        return table;
    }

    private sealed class Styled(IAnsiConsole console) : TextOutput
    {
        public override void MarkupLine(string markup) => console.MarkupLine(markup);

        public override void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows) => console.Write(SpectreTable(columns, rows));
    }

    /// <summary>Spectre.Console's layout without color, for plain text; Spectre.Console itself for the rest.</summary>
    internal sealed class Plain(TextWriter writer) : TextOutput
    {
        private IAnsiConsole? _spectre;

        private IAnsiConsole Spectre => _spectre ??= PlanText.Console(writer, color: false);

        public override void MarkupLine(string markup)
        {
            if (PlainText(markup) is { } text) writer.Write(text + Environment.NewLine);
            else Spectre.MarkupLine(markup);
        }

        public override void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
        {
            var rowList = rows.ToList();
            // Loops, not LINQ over ints: each generic instantiation over a value type is JIT-compiled in a cold process.
            var headers = new string?[columns.Count];
            var widths = new int[columns.Count];
            bool plain = rowList.TrueForAll(row => row.Count <= columns.Count);
            for (int i = 0; i < columns.Count && plain; i++)
            {
                headers[i] = PlainText(columns[i]);
                plain = headers[i] is not null;
                if (plain) widths[i] = headers[i]!.Length;
            }
            var cells = new List<string?[]>(rowList.Count);
            foreach (var row in rowList)
            {
                if (!plain) break;
                var line = new string?[columns.Count];
                for (int i = 0; i < columns.Count && plain; i++)
                {
                    line[i] = i < row.Count ? PlainText(row[i]) : "";
                    plain = line[i] is not null;
                    if (plain) widths[i] = Math.Max(widths[i], line[i]!.Length);
                }
                cells.Add(line);
            }
            if (!plain)
            {
                Spectre.Write(SpectreTable(columns, rowList));
                return;
            }
            // Each column as wide as its widest cell, one space of padding either side, columns and borders one space
            // wide; the simple border draws the top and bottom as blanks and a rule under the header (when there are rows).
            int total = 1;
            foreach (var width in widths) total += width + 3;
            var text = new StringBuilder();
            void Line(IReadOnlyList<string?> values)
            {
                text.Append(' ');
                for (int i = 0; i < values.Count; i++) text.Append(' ').Append(values[i]!.PadRight(widths[i])).Append(i + 1 < values.Count ? "  " : " ");
                text.Append(' ').Append(Environment.NewLine);
            }
            text.Append(' ', total).Append(Environment.NewLine);
            Line(headers);
            if (cells.Count > 0) text.Append('─', total).Append(Environment.NewLine);
            foreach (var row in cells) Line(row);
            text.Append(' ', total).Append(Environment.NewLine);
            writer.Write(text.ToString());
        }

        /// <summary>
        /// The text of <paramref name="markup"/> without its tags (<c>[[</c> and <c>]]</c> are brackets), when it is
        /// printable ASCII with well-formed tags; null when Spectre.Console must lay it out.
        /// </summary>
        internal static string? PlainText(string markup)
        {
            var text = new StringBuilder(markup.Length);
            for (int i = 0; i < markup.Length; i++)
            {
                char c = markup[i];
                if (c is < ' ' or > '~') return null;
                if (c == '[')
                {
                    if (i + 1 < markup.Length && markup[i + 1] == '[') { text.Append('['); i++; continue; }
                    int end = markup.IndexOf(']', i + 1);
                    if (end < 0 || !IsTag(markup.AsSpan(i + 1, end - i - 1))) return null;
                    i = end;
                }
                else if (c == ']')
                {
                    if (i + 1 < markup.Length && markup[i + 1] == ']') { text.Append(']'); i++; continue; }
                    return null;
                }
                else text.Append(c);
            }
            return text.ToString();
        }

        // The styles the runner writes, and the closing tag; any other tag goes to Spectre.Console, which knows it (or
        // rejects it, as before).
        private static bool IsTag(ReadOnlySpan<char> tag) =>
            tag is "/" or "bold" or "grey" or "green" or "yellow" or "red" or "blue" or "cyan";
    }
}
