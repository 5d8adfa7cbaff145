using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EzHomelab.Generators.Model;

/// <summary>
/// Where something was written, as plain values: a <see cref="Location"/> holds its syntax tree alive and
/// is not comparable across compilations, so pipeline models keep this and rebuild a location only to report.
/// </summary>
/// <param name="Anchor">
/// Null for a location in its file. Otherwise the key of the <see cref="ClassAnchor"/> it is relative to: its span and
/// lines count from the start of that class's first line (see <see cref="ClassAnchor"/>), and it must be made absolute
/// again before it is reported.
/// </param>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan, string? Anchor = null)
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

/// <summary>
/// Where the code of one class starts: the beginning of the line of its first location. The rules across services read
/// every service's locations; written relative to the class's anchor, they stay equal when an edit above the class
/// only moves it (a line added to the file, an attribute of the class before it), so those rules are not run again.
/// The anchors themselves are a separate, cheap input that turns the few diagnostics back into file positions.
/// </summary>
/// <param name="Key">Unique per class: its file and its fully qualified name.</param>
/// <param name="Offset">Offset in the file of the start of the anchor's line.</param>
/// <param name="Line">That line's number (zero-based).</param>
internal sealed record ClassAnchor(string Key, string FilePath, int Offset, int Line)
{
    /// <summary>The anchor of the locations of a class: the start of the line of the earliest location in <paramref name="file"/>.</summary>
    public static ClassAnchor? For(string key, string file, IEnumerable<LocationInfo> locations)
    {
        LocationInfo? first = null;
        foreach (var location in locations)
            if (location.Anchor is null && location.FilePath == file && location.Span.Start - location.LineSpan.Start.Character >= 0
                && (first is null || location.Span.Start < first.Span.Start))
                first = location;
        return first is null ? null : new ClassAnchor(key, file, first.Span.Start - first.LineSpan.Start.Character, first.LineSpan.Start.Line);
    }

    /// <summary>The location relative to this anchor; unchanged when it lies in another file or before the anchor.</summary>
    public LocationInfo Relative(LocationInfo location)
    {
        if (location.Anchor is not null || location.FilePath != FilePath || location.Span.Start < Offset || location.LineSpan.Start.Line < Line)
            return location;
        var lines = location.LineSpan;
        return new LocationInfo(FilePath, new TextSpan(location.Span.Start - Offset, location.Span.Length),
            new LinePositionSpan(new LinePosition(lines.Start.Line - Line, lines.Start.Character), new LinePosition(lines.End.Line - Line, lines.End.Character)),
            Key);
    }

    /// <summary>A location <see cref="Relative"/> made of it, back in its file.</summary>
    public LocationInfo Absolute(LocationInfo location)
    {
        if (location.Anchor != Key) return location;
        var lines = location.LineSpan;
        return new LocationInfo(FilePath, new TextSpan(location.Span.Start + Offset, location.Span.Length),
            new LinePositionSpan(new LinePosition(lines.Start.Line + Line, lines.Start.Character), new LinePosition(lines.End.Line + Line, lines.End.Character)));
    }
}
