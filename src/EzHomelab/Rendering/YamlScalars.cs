using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Rendering;

/// <summary>
/// Chooses a scalar style that every YAML reader (1.1 and 1.2 alike) reads back as the same string. A string is
/// left plain only when it is built from a short list of harmless characters, starts with a letter, <c>/</c> or
/// <c>_</c>, and is not a word that YAML 1.1 reads as a bool or null. Everything else is double-quoted (with
/// escapes) and multi-line strings become literal blocks (the emitter falls back to double quotes when a block
/// cannot represent the text exactly).
/// </summary>
public static class YamlScalars
{
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "yes", "n", "no", "true", "false", "on", "off", "null",
    };

    public static ScalarStyle StyleFor(string value)
    {
        if (value.Length == 0) return ScalarStyle.DoubleQuoted;
        if (value.Contains('\n')) return IsLiteralSafe(value) ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted;
        return IsPlainSafe(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
    }

    /// <summary>
    /// A literal block keeps text exactly only when '\n' is its sole line break, nothing needs escaping, and the
    /// first line has text (blocks that start blank or indented are where emitters and readers disagree).
    /// </summary>
    private static bool IsLiteralSafe(string value) =>
        value[0] is not ('\n' or ' ' or '\t')
        && value.All(c => c == '\n' || !(char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF'));

    public static bool IsPlainSafe(string value)
    {
        if (value.Length == 0) return false;
        char first = value[0];
        if (!(char.IsAsciiLetter(first) || first is '/' or '_')) return false;
        if (value[^1] == ' ') return false;
        foreach (char c in value)
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '.' or '/' or '-' or '+' or '=' or '@' or '(' or ')' or '$' or '^' or '~' or '`'))
                return false;
        return !ReservedWords.Contains(value);
    }

    /// <summary>A string scalar in the safe style.</summary>
    public static YamlScalarNode String(string value) => new(value) { Style = StyleFor(value) };

    /// <summary>An integer, plain (read back as a number).</summary>
    public static YamlScalarNode Integer(long value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    /// <summary>A decimal number kept plain when it is one (e.g. CPUs <c>0.5</c>); anything else is a safe string.</summary>
    public static YamlScalarNode Number(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[^1])
            ? new YamlScalarNode(value) { Style = ScalarStyle.Plain }
            : String(value);

    /// <summary>A boolean, plain.</summary>
    public static YamlScalarNode Boolean(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };
}
