// Compiled into both the runtime and the generator (see ValueRules.cs): netstandard2.0-safe, no dependencies.
using System;
using System.Collections.Generic;
using System.Text;

namespace EzHomelab.Rules;

/// <summary>What is wrong with one <c>${…}</c> in a value.</summary>
internal enum ReferenceProblem
{
    None,
    /// <summary><c>${}</c>.</summary>
    Empty,
    /// <summary><c>${1X}</c>, <c>${A B}</c>.</summary>
    InvalidName,
    /// <summary><c>${X</c> without its <c>}</c>.</summary>
    Unclosed,
    /// <summary>Compose's <c>${X:-default}</c>, <c>${X?error}</c> and the like.</summary>
    Modifier,
}

/// <summary>
/// One <c>${…}</c> found in a value: <see cref="Start"/> is the index of its <c>$</c>, <see cref="Length"/> reaches its
/// <c>}</c> (the end of the value when it is not closed), <see cref="Name"/> is what stands between the braces.
/// </summary>
internal readonly struct VariableReference
{
    public VariableReference(int start, int length, string name, ReferenceProblem problem)
    {
        Start = start;
        Length = length;
        Name = name;
        Problem = problem;
    }

    public int Start { get; }
    public int Length { get; }
    public string Name { get; }
    public ReferenceProblem Problem { get; }
}

/// <summary>
/// Lab variables (<c>[Variable(name, default)]</c>) and the <c>${NAME}</c> references to them in <c>[Env]</c> values,
/// <c>[Volume]</c> sources and <c>[Device]</c> host paths. In those values <c>$$</c> is one literal <c>$</c>, as in
/// compose, and any other <c>$</c> is literal too; only <c>${</c> starts a reference.
/// </summary>
internal static class LabVariableRules
{
    /// <summary>The variables the lab writes into <c>.env</c> from its own settings, in the order <c>.env</c> lists them.</summary>
    public static readonly string[] BuiltIn = { "DOMAIN", "TZ", "PUID", "PGID" };

    /// <summary>The runner reads <c>EZH_VAR_&lt;NAME&gt;</c> to override a variable's default.</summary>
    public const string OverridePrefix = "EZH_VAR_";

    /// <summary>Prefixes of names that compose or the runner read as their own settings (compose reads <c>COMPOSE_*</c> from <c>.env</c>).</summary>
    private static readonly string[] ReservedPrefixes = { "COMPOSE_", "DOCKER_", "EZH_" };

    public static bool IsBuiltIn(string? name) => name is not null && Array.IndexOf(BuiltIn, name) >= 0;

    /// <summary>Upper-case letters, digits and <c>_</c>, not starting with a digit.</summary>
    public static bool IsValidName(string? name)
    {
        if (name is null || name.Length == 0 || (name[0] >= '0' && name[0] <= '9')) return false;
        foreach (var c in name)
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        return true;
    }

    /// <summary>Why <paramref name="name"/> cannot be declared, as the end of a sentence about it; null when it can.</summary>
    public static string? NameProblem(string? name)
    {
        if (!IsValidName(name)) return "is not a lab variable name (upper-case letters, digits and '_', not starting with a digit, such as MEDIA_DIR)";
        if (IsBuiltIn(name)) return "is a variable the lab already defines from [Homelab] (DOMAIN, TZ, PUID, PGID); use it without declaring it";
        foreach (var prefix in ReservedPrefixes)
            if (name!.StartsWith(prefix, StringComparison.Ordinal))
                return "starts with '" + prefix + "', which compose or the runner read as their own settings";
        if (Naming.LooksSecret(name!)) return "looks like the name of a secret; a variable's value is written to .env, so pass secrets with [SecretEnv]";
        return null;
    }

    /// <summary>
    /// Why <paramref name="value"/> cannot be a variable's value, as the end of a sentence about it; null when it can. A
    /// value goes into <c>.env</c>, which both compose implementations must read back unchanged (see the runtime's DotEnv).
    /// </summary>
    public static string? ValueProblem(string? value)
    {
        if (value is null) return "is null (a value may be empty, but must be given)";
        if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0) return "holds a line break";
        if (value.IndexOf('\0') >= 0) return "holds a NUL character";
        if (value.IndexOf("${", StringComparison.Ordinal) >= 0) return "holds '${', which compose would expand in .env";
        if (value.IndexOf('$') >= 0 && (value.IndexOf('\'') >= 0 || value.IndexOf('\\') >= 0))
            return "holds '$' together with a quote or a backslash, which no .env quoting keeps for both compose versions";
        return null;
    }

    /// <summary>Every <c>${…}</c> in <paramref name="text"/>, in order (none for null). <c>$$</c> is an escaped dollar.</summary>
    public static List<VariableReference> References(string? text)
    {
        var references = new List<VariableReference>();
        if (text is null) return references;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 >= text.Length) continue;
            if (text[i + 1] == '$') { i++; continue; }
            if (text[i + 1] != '{') continue;
            int close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                references.Add(new VariableReference(i, text.Length - i, text.Substring(i + 2), ReferenceProblem.Unclosed));
                break;
            }
            var inner = text.Substring(i + 2, close - i - 2);
            references.Add(new VariableReference(i, close - i + 1, inner, Classify(inner)));
            i = close;
        }
        return references;
    }

    private static ReferenceProblem Classify(string inner)
    {
        if (inner.Length == 0) return ReferenceProblem.Empty;
        if (Naming.IsValidEnvName(inner)) return ReferenceProblem.None;
        int end = 0;
        while (end < inner.Length && (char.IsLetterOrDigit(inner[end]) || inner[end] == '_') && inner[end] < 128) end++;
        if (end > 0 && Naming.IsValidEnvName(inner.Substring(0, end)) && end < inner.Length && (inner[end] is ':' or '-' or '?' or '+'))
            return ReferenceProblem.Modifier;
        return ReferenceProblem.InvalidName;
    }

    /// <summary>The reference as written, for messages: <c>${X}</c>, or <c>${X</c> when it is not closed.</summary>
    public static string Written(VariableReference reference) =>
        reference.Problem == ReferenceProblem.Unclosed ? "${" + reference.Name : "${" + reference.Name + "}";

    /// <summary>Why a malformed reference is refused, as the end of a sentence about the value that holds it.</summary>
    public static string Describe(VariableReference reference) => reference.Problem switch
    {
        ReferenceProblem.Empty => "holds '${}', which names no variable (write $$ for a literal '$')",
        ReferenceProblem.Unclosed => "holds '" + Written(reference) + "' without its closing '}' (write $$ for a literal '$')",
        ReferenceProblem.Modifier => "holds '" + Written(reference) + "': compose's defaults and checks inside ${} are not supported; declare the default with [Variable]",
        _ => "holds '" + Written(reference) + "', which is not a variable name (letters, digits and '_', not starting with a digit)",
    };

    /// <summary>
    /// <paramref name="text"/> with each well-formed reference replaced by <paramref name="valueOf"/>'s value and <c>$$</c>
    /// by <c>$</c>: what the container or the host sees. A reference <paramref name="valueOf"/> gives null for stays as written.
    /// </summary>
    public static string Expand(string text, Func<string, string?> valueOf)
    {
        if (text.IndexOf('$') < 0) return text;
        var references = References(text);
        var expanded = new StringBuilder(text.Length + 16);
        int next = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (next < references.Count && references[next].Start == i)
            {
                var reference = references[next++];
                string? value = reference.Problem == ReferenceProblem.None ? valueOf(reference.Name) : null;
                expanded.Append(value ?? text.Substring(i, reference.Length));
                i += reference.Length - 1;
                continue;
            }
            expanded.Append(text[i]);
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$') i++;
        }
        return expanded.ToString();
    }

    /// <summary>
    /// The shape a volume source or device host path must have when it references a variable, judged before the
    /// values are known: each reference stands for an absolute path, so <c>${MEDIA_DIR}/movies</c> and
    /// <c>/srv/${APP}</c> keep their shape while <c>media-${X}</c> (a named volume) does not.
    /// </summary>
    public static string WithPlaceholders(string text)
    {
        var references = References(text);
        if (references.Count == 0) return text;
        // Malformed references too: they are reported as such, not again as a path of the wrong shape.
        var shape = new StringBuilder(text.Length);
        int at = 0;
        foreach (var reference in references)
        {
            shape.Append(text, at, reference.Start - at).Append('/');
            at = reference.Start + reference.Length;
        }
        return shape.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// What a built-in variable stands for when a path's shape is judged without a run's settings: none of them (a domain,
    /// a time zone, an id) is ever a path or holds ':' or a space, so any such word gives the same verdict. Null for other names.
    /// </summary>
    public static string? BuiltInPlaceholder(string name) => IsBuiltIn(name) ? "x" : null;

    public const string HostPathRule = "a host path (starting with '/', './' or '../')";
    public const string DevicePathRule = "a device path (absolute, without ':' or spaces)";
    public const string NotAHostPath = "uses a variable, so it must be a host path: start it with the variable, '/', './' or '../'";
    public const string NotADevicePath = "uses a variable, so it must be a device path: start it with the variable or '/', without ':' or spaces";

    /// <summary>
    /// Why a volume source (<paramref name="device"/> false) or device host path that references variables does not have
    /// a path's shape whatever the values (<see cref="WithPlaceholders"/>); null when it does or references nothing.
    /// </summary>
    public static string? PathShapeProblem(string? text, bool device)
    {
        if (!HasReference(text)) return null;
        var shape = WithPlaceholders(text!);
        if (device) return ContainerPrivileges.IsValidDevicePath(shape) ? null : NotADevicePath;
        return IsHostPath(shape) ? null : NotAHostPath;
    }

    /// <summary>
    /// The expansion of a path-shaped value that references variables when, with <paramref name="valueOf"/>'s values, it is
    /// no longer a path; null when it still is, or cannot be judged (a malformed or unknown reference is reported as such).
    /// </summary>
    public static string? BrokenExpansion(string? text, bool device, Func<string, string?> valueOf)
    {
        if (!HasReference(text) || PathShapeProblem(text, device) is not null) return null;
        foreach (var reference in References(text))
            if (reference.Problem != ReferenceProblem.None || valueOf(reference.Name) is null) return null;
        var expanded = Expand(text!, valueOf);
        bool valid = device ? ContainerPrivileges.IsValidDevicePath(expanded) : IsHostPath(expanded);
        return valid ? null : expanded;
    }

    /// <summary>How EZH0046 and its run-time twin say that two services disagree on a default the lab does not set.</summary>
    public static string ConflictMessage(string name, string firstDefault, string first, string otherDefault, string other, string labClass) =>
        "lab variable " + name + " has the default '" + firstDefault + "' from " + first + " but '" + otherDefault + "' from " + other
        + "; declare [Variable(\"" + name + "\", \"…\")] on the lab class " + labClass + " to choose";

    /// <summary>The end of EZH0045's message and of its run-time twin: the declared name probably meant, or how to declare it.</summary>
    public static string UndeclaredHint(string name, IEnumerable<string> declared)
    {
        var names = new List<string>(declared);
        names.AddRange(BuiltIn);
        return NearestName.Of(name, names) is { } nearest
            ? "which the lab does not declare; did you mean ${" + nearest + "}?"
            : "which the lab does not declare; declare it with [Variable(\"" + name + "\", \"default\")] on the lab class or on a service";
    }

    /// <summary>True when <paramref name="text"/> holds at least one <c>${…}</c>, well-formed or not.</summary>
    public static bool HasReference(string? text) => text is not null && text.IndexOf("${", StringComparison.Ordinal) >= 0 && References(text).Count > 0;

    /// <summary>A host path as compose takes a bind mount's source: <c>/…</c>, <c>./…</c>, <c>../…</c>, <c>.</c> or <c>..</c>.</summary>
    public static bool IsHostPath(string? source) =>
        source is not null && source.Length > 0
        && (source[0] == '/' || source == "." || source == ".." || source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal));
}
