using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace EzHomelab.Generators.Emission;

/// <summary>C# spellings of values: string literals, numbers and the runtime's enum members.</summary>
internal static class CSharpText
{
    private static readonly string[] AccessNames = { "Default", "Bypass", "OneFactor", "TwoFactor", "LanOnly" };
    private static readonly string[] RestartNames = { "Default", "No", "Always", "UnlessStopped", "OnFailure" };
    private static readonly string[] ConditionNames = { "Started", "Healthy", "CompletedSuccessfully" };
    private static readonly string[] ProtocolNames = { "Tcp", "Udp" };
    private static readonly string[] SecretFormNames = { "FilePath", "FileUri", "SecretName" };
    private static readonly string[] SecretSupplyNames = { "Default", "User" };

    /// <summary>A quoted, escaped literal; null is written as an empty string where the model needs a value.</summary>
    public static string String(string? value) => Literal(value ?? "");

    public static string NullableString(string? value) => value is null ? "null" : Literal(value);

    /// <summary>Most values are plain printable ASCII and need no escaping; the rest go through the compiler's own formatter.</summary>
    private static string Literal(string value)
    {
        foreach (char c in value)
            if (c < ' ' || c > '~' || c == '"' || c == '\\') return SymbolDisplay.FormatLiteral(value, quote: true);
        return "\"" + value + "\"";
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Access(int value) => Enum("global::EzHomelab.Access", AccessNames, value);

    public static string Restart(int value) => Enum("global::EzHomelab.Restart", RestartNames, value);

    public static string Condition(int value) => Enum("global::EzHomelab.DependencyCondition", ConditionNames, value);

    public static string Protocol(int value) => Enum("global::EzHomelab.Protocol", ProtocolNames, value);

    public static string SecretForm(int value) => Enum("global::EzHomelab.SecretForm", SecretFormNames, value);

    public static string SecretSupply(int value) => Enum("global::EzHomelab.SecretSupply", SecretSupplyNames, value);

    private static string Enum(string type, string[] names, int value) =>
        value >= 0 && value < names.Length ? type + "." + names[value] : "(" + type + ")(" + Int(value) + ")";
}
