using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EzHomelab.Generators.Model;

/// <summary>
/// Where something was written, as plain values: a <see cref="Location"/> holds its syntax tree alive and
/// is not comparable across compilations, so pipeline models keep this and rebuild a location only to report.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo From(SyntaxNode node) => From(node.SyntaxTree, node.Span);

    public static LocationInfo From(SyntaxToken token) => From(token.SyntaxTree!, token.Span);

    public static LocationInfo From(SyntaxTree tree, TextSpan span) =>
        new(tree.FilePath, span, tree.GetLineSpan(span).Span);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || !location.IsInSource || location.SourceTree is null) return null;
        return From(location.SourceTree, location.SourceSpan);
    }
}
