using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Rendering;

/// <summary>
/// Serialises a representation-model tree to text through YamlDotNet's emitter, keeping each node's style
/// (so the quoting chosen by <see cref="YamlScalars"/> is what gets written), with no line folding and no
/// document markers.
/// </summary>
public static class YamlText
{
    // commentsAbove: comments written on the lines above a mapping entry, keyed by the entry's value node (by
    // reference), so a renderer can say in the file why one entry is as it is.
    public static string Write(YamlNode root, string? headerComment = null, IReadOnlyDictionary<YamlNode, string>? commentsAbove = null)
    {
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings().WithBestWidth(int.MaxValue).WithIndentedSequences());
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        if (headerComment is not null)
            foreach (var line in headerComment.Split('\n'))
                emitter.Emit(new Comment(line, isInline: false));
        Emit(emitter, root, commentsAbove);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, YamlNode node, IReadOnlyDictionary<YamlNode, string>? commentsAbove)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, scalar.Value ?? "", scalar.Style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, sequence.Style));
                foreach (var child in sequence.Children) Emit(emitter, child, commentsAbove);
                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                // An empty block mapping cannot be written as a block; it becomes {}.
                var style = mapping.Children.Count == 0 ? MappingStyle.Flow : mapping.Style;
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, style));
                foreach (var (key, value) in mapping.Children)
                {
                    if (commentsAbove is not null && commentsAbove.TryGetValue(value, out var comment))
                        foreach (var line in comment.Split('\n'))
                            emitter.Emit(new Comment(line, isInline: false));
                    Emit(emitter, key, commentsAbove);
                    Emit(emitter, value, commentsAbove);
                }
                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new NotSupportedException($"Unsupported YAML node {node.GetType().Name}.");
        }
    }
}
