using System.Text;

namespace EzHomelab.Generators.Emission;

/// <summary>A minimal indented writer: emitted code is plain text, never built with SyntaxFactory.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new(2048);
    private int _indent;

    public SourceWriter WriteLine(string line)
    {
        for (int i = 0; i < _indent; i++) _builder.Append(IndentUnit);
        _builder.Append(line).Append('\n');
        return this;
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
