namespace EzHomelab.Settings;

/// <summary>
/// Reads <c>KEY=VALUE</c> files the way compose reads <c>.env</c>: blank lines and <c># comments</c> ignored, an
/// optional <c>export </c> prefix, values optionally in single quotes (literal) or double quotes (with
/// <c>\n</c>, <c>\"</c>, <c>\\</c> escapes); an unquoted value ends at <c> #</c>.
/// </summary>
public static class EnvFile
{
    public static EnvFileContents Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SettingsException($"--env-file {path}: file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"--env-file {path}: cannot be read ({e.Message})");
        }
        return Parse(text, path);
    }

    public static EnvFileContents Parse(string text, string displayPath)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..].TrimStart();
            int eq = line.IndexOf('=');
            var where = $"--env-file {displayPath}, line {i + 1}";
            if (eq <= 0) throw new SettingsException($"{where}: expected KEY=VALUE");
            var key = line[..eq].Trim();
            if (!Rules.Naming.IsValidEnvName(key)) throw new SettingsException($"{where}: '{key}' is not a valid variable name");
            // Compose keeps the last value of a key set twice; so do we, but a repeated key is usually a mistake.
            if (lineOf.TryGetValue(key, out var earlier))
                warnings.Add($"--env-file {displayPath}: {key} is set on line {earlier} and again on line {i + 1}; the value of line {i + 1} is used");
            values[key] = ParseValue(line[(eq + 1)..].Trim(), where);
            lineOf[key] = i + 1;
        }
        return new EnvFileContents(displayPath, values, lineOf, warnings);
    }

    private static string ParseValue(string raw, string where)
    {
        if (raw.Length == 0) return "";
        char quote = raw[0];
        if (quote is '\'' or '"')
        {
            int close = raw.LastIndexOf(quote);
            if (close == 0) throw new SettingsException($"{where}: missing closing {quote}");
            var rest = raw[(close + 1)..].Trim();
            if (rest.Length > 0 && rest[0] != '#') throw new SettingsException($"{where}: unexpected text after the closing quote");
            var inner = raw[1..close];
            return quote == '\'' ? inner : Unescape(inner);
        }
        int comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? raw[..comment] : raw).TrimEnd();
    }

    private static string Unescape(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                char next = s[++i];
                sb.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }
}

/// <summary>The variables of one env file: each key's value (the last line that sets it wins, as in compose) and where it was set.</summary>
public sealed class EnvFileContents
{
    private readonly IReadOnlyDictionary<string, int> _lineOf;

    internal EnvFileContents(string displayPath, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, int> lineOf, IReadOnlyList<string> warnings)
    {
        DisplayPath = displayPath;
        Values = values;
        _lineOf = lineOf;
        Warnings = warnings;
    }

    /// <summary>The path as the user gave it.</summary>
    public string DisplayPath { get; }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Keys set on more than one line, one message each naming the file, the key and both lines.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The line that gives <paramref name="key"/> its value (the last one that sets it).</summary>
    public int LineOf(string key) => _lineOf[key];
}
