using System.Text;

namespace EzHomelab.Generators.Emission;

/// <summary>A minimal indented writer: emitted code is plain text, never built with SyntaxFactory.</summary>
internal sealed class SourceWriter
{
    public const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new(2048);
    private int _indent;

    public SourceWriter WriteLine(string line)
    {
        for (int i = 0; i < _indent; i++) _builder.Append(IndentUnit);
        _builder.Append(line).Append('\n');
        return this;
    }

    /// <summary>Each line of <paramref name="text"/> (split at <c>\n</c>) at the current indentation.</summary>
    public void WriteLines(string text)
    {
        int start = 0;
        for (int end; (end = text.IndexOf('\n', start)) >= 0; start = end + 1) WriteLine(text.Substring(start, end - start));
        WriteLine(text.Substring(start));
    }

    public SourceWriter WriteLine()
    {
        _builder.Append('\n');
        return this;
    }

    public void OpenBlock()
    {
        WriteLine("{");
        _indent++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
