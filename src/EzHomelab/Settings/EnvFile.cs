namespace EzHomelab.Settings;

/// <summary>
/// Reads <c>KEY=VALUE</c> files the way compose reads <c>.env</c>: blank lines and <c># comments</c> ignored, an
/// optional <c>export </c> prefix, values optionally in single quotes (literal) or double quotes (with
/// <c>\n</c>, <c>\"</c>, <c>\\</c> escapes); an unquoted value ends at <c> #</c>.
/// </summary>
public static class EnvFile
{
    public static IReadOnlyDictionary<string, string> Read(string path)
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

    public static IReadOnlyDictionary<string, string> Parse(string text, string displayPath)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
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
            values[key] = ParseValue(line[(eq + 1)..].Trim(), where);
        }
        return values;
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
