using System.Text;

namespace EzHomelab.Rendering.Compose;

/// <summary>
/// Compose interpolates <c>$</c> in every value of a compose file. Values are written literally (<c>$</c> → <c>$$</c>)
/// except the lab variables inside <c>[Env]</c> values, which stay as interpolation and are defined in the stack's <c>.env</c>.
/// </summary>
public static class ComposeInterpolation
{
    /// <summary>The variables an <c>[Env]</c> value may reference as <c>${NAME}</c>, in the order <c>.env</c> lists them.</summary>
    public static IReadOnlyList<string> LabVariables { get; } = ["DOMAIN", "TZ", "PUID", "PGID"];

    /// <summary>A value compose must pass through unchanged.</summary>
    public static string Literal(string value) => value.Replace("$", "$$", StringComparison.Ordinal);

    /// <summary>
    /// An <c>[Env]</c> value: <c>${DOMAIN}</c>, <c>${TZ}</c>, <c>${PUID}</c>, <c>${PGID}</c> stay; every other <c>$</c> is
    /// escaped. The lab variables found are added to <paramref name="referenced"/>.
    /// </summary>
    public static string EnvValue(string value, ISet<string> referenced)
    {
        if (!value.Contains('$')) return value;
        var sb = new StringBuilder(value.Length + 8);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != '$') { sb.Append(value[i]); continue; }
            var variable = LabVariables.FirstOrDefault(v => string.CompareOrdinal(value, i, "${" + v + "}", 0, v.Length + 3) == 0);
            if (variable is null) { sb.Append("$$"); continue; }
            sb.Append("${").Append(variable).Append('}');
            referenced.Add(variable);
            i += variable.Length + 2;
        }
        return sb.ToString();
    }
}
