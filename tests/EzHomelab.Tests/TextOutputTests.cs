using CsCheck;
using EzHomelab.Planning;
using Spectre.Console;

namespace EzHomelab.Tests;

/// <summary>
/// Plain output (a pipe, a file, <c>NO_COLOR</c>) is laid out by the runner itself, without Spectre.Console, for speed:
/// it must be exactly what Spectre.Console writes for the same markup, byte for byte. Spectre.Console is the reference.
/// </summary>
public class TextOutputTests
{
    private static readonly string[] Styles = ["bold", "grey", "green", "yellow", "red", "blue", "cyan"];

    // Printable ASCII with the characters markup treats specially, and runs of spaces.
    private static readonly Gen<string> PlainText = Gen.OneOf(
            Gen.Char[' ', '~'].Select(c => c.ToString()),
            Gen.OneOf("[", "]", "[[", "]]", "[/]", "  ", ":smile:", "a:b:", "/opt/stacks"))
        .Array[0, 12].Select(string.Concat);

    private static readonly Gen<string> MarkupText =
        from text in PlainText
        from style in Gen.Int[-1, Styles.Length - 1]
        select style < 0 ? Markup.Escape(text) : $"[{Styles[style]}]{Markup.Escape(text)}[/]";

    private static readonly Gen<string> MarkupLine = MarkupText.Array[0, 4].Select(string.Concat);

    [Fact]
    public void A_markup_line_is_written_as_Spectre_Console_writes_it() =>
        MarkupLine.Sample(line => Assert.Equal(ViaSpectre(c => c.MarkupLine(line)), Plain(o => o.MarkupLine(line))));

    [Fact]
    public void A_table_is_laid_out_as_Spectre_Console_lays_it_out() =>
        Gen.Int[1, 5].SelectMany(columns => Gen.Select(MarkupText.Array[columns], MarkupText.Array[columns].Array[0, 6]))
            .Sample(t =>
            {
                var (columns, rows) = t;
                Assert.Equal(ViaSpectre(c => c.Write(SpectreTable(columns, rows))), Plain(o => o.Table(columns, rows)));
            });

    [Theory]
    [InlineData("café ✓ 日本語")]
    [InlineData("two\nlines")]
    [InlineData("a\ttab")]
    [InlineData("[link=https://example.org]a link[/]")]
    public void Text_that_is_not_plain_ASCII_goes_to_Spectre_Console_and_comes_out_the_same(string text)
    {
        var markup = text.StartsWith("[link", StringComparison.Ordinal) ? text : Markup.Escape(text);
        Assert.Null(TextOutput.Plain.PlainText(markup));
        Assert.Equal(ViaSpectre(c => c.MarkupLine(markup)), Plain(o => o.MarkupLine(markup)));
        string[] columns = ["stack", "detail"];
        IReadOnlyList<string>[] rows = [["web", markup], ["egress", "[green]ok[/]"]];
        Assert.Equal(ViaSpectre(c => c.Write(SpectreTable(columns, rows))), Plain(o => o.Table(columns, rows)));
    }

    [Fact]
    public void The_deploy_report_reads_as_before()
    {
        string[] columns = ["stack", "result", "time", "detail"];
        IReadOnlyList<string>[] rows =
        [
            ["egress", "[grey]unchanged[/]", "0.0 s", "files and containers as deployed"],
            ["web", "[green]deployed[/]", "12.5 s", "1 files change"],
        ];
        Assert.Equal(
            "                                                                  \n" +
            "  stack    result      time     detail                            \n" +
            "──────────────────────────────────────────────────────────────────\n" +
            "  egress   unchanged   0.0 s    files and containers as deployed  \n" +
            "  web      deployed    12.5 s   1 files change                    \n" +
            "                                                                  \n",
            Plain(o => o.Table(columns, rows)).Replace(Environment.NewLine, "\n", StringComparison.Ordinal));
    }

    private static string Plain(Action<TextOutput> write)
    {
        var writer = new StringWriter();
        write(TextOutput.For(writer, color: false));
        return writer.ToString();
    }

    private static string ViaSpectre(Action<IAnsiConsole> write)
    {
        var writer = new StringWriter();
        write(PlanText.Console(writer, color: false));
        return writer.ToString();
    }

    private static Table SpectreTable(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns(columns.ToArray());
        foreach (var row in rows) table.AddRow(row.ToArray());
        return table;
    }
}
