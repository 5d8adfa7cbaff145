using System.Text;
using EzHomelab.Rules;

namespace EzHomelab.Rendering.Compose;

/// <summary>
/// Compose interpolates <c>$</c> in every value of a compose file. Values are written literally (<c>$</c> → <c>$$</c>)
/// except <c>[Env]</c> values, <c>[Volume]</c> sources and <c>[Device]</c> host paths, where a lab variable
/// (<c>${DOMAIN}</c>, <c>${TZ}</c>, <c>${PUID}</c>, <c>${PGID}</c> and every <c>[Variable]</c> of the lab) stays as
/// interpolation, defined in the stack's <c>.env</c>, and <c>$$</c> is a literal <c>$</c> as in compose
/// (<see cref="LabVariableRules"/>).
/// </summary>
public static class ComposeInterpolation
{
    /// <summary>The variables the lab defines from its own settings, in the order <c>.env</c> lists them.</summary>
    public static IReadOnlyList<string> LabVariables { get; } = LabVariableRules.BuiltIn;

    /// <summary>A value compose must pass through unchanged.</summary>
    public static string Literal(string value) => value.Replace("$", "$$", StringComparison.Ordinal);

    /// <summary>
    /// A value that may reference lab variables: each <c>${NAME}</c> that <paramref name="isLabVariable"/> knows stays (and
    /// is added to <paramref name="referenced"/>), <c>$$</c> stays, every other <c>$</c> is escaped. A reference to no
    /// variable (refused before rendering; see <see cref="Rendering.LabVariables.Problems"/>) is kept literally.
    /// </summary>
    public static string Interpolated(string value, Func<string, bool> isLabVariable, ISet<string> referenced)
    {
        if (!value.Contains('$')) return value;
        var references = LabVariableRules.References(value);
        var sb = new StringBuilder(value.Length + 8);
        int next = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (next < references.Count && references[next].Start == i)
            {
                var reference = references[next++];
                if (reference.Problem == ReferenceProblem.None && isLabVariable(reference.Name))
                {
                    sb.Append("${").Append(reference.Name).Append('}');
                    referenced.Add(reference.Name);
                }
                else sb.Append(Literal(value.Substring(i, reference.Length)));
                i += reference.Length - 1;
            }
            else if (value[i] != '$') sb.Append(value[i]);
            else if (i + 1 < value.Length && value[i + 1] == '$') { sb.Append("$$"); i++; }
            else sb.Append("$$");
        }
        return sb.ToString();
    }
}
