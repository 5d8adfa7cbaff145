using EzHomelab.Generators.Extraction;

namespace EzHomelab.Generators.Model;

/// <summary>
/// One of our attributes as plain values, whichever way it was read: from <c>AttributeData</c> (the semantic path)
/// or from syntax (the syntactic path). The builders consume only this, so both paths share every merging rule.
/// </summary>
/// <param name="ConstructorBound">A constructor matched the arguments (false: positional arguments are unusable).</param>
/// <param name="TypeArgument">The type argument of <c>DependsOn&lt;T&gt;</c>/<c>Egress&lt;T&gt;</c>; null when absent or not a named type.</param>
internal sealed record AttributeValues(
    AttributeKind Kind,
    bool ConstructorBound,
    EquatableArray<ArgumentValue> Constructor,
    EquatableArray<NamedArgument> Named,
    TypeRef? TypeArgument,
    AttributeSites Sites);

internal enum ValueKind
{
    /// <summary>Did not bind (a compiler error): never used.</summary>
    Error,
    Null,
    String,
    Int,
    Bool,
    StringArray,
    Type,
    /// <summary>Bound, but of a shape the attributes never use (e.g. an array of numbers).</summary>
    Other,
}

/// <summary>A constant argument. Enum members are <see cref="ValueKind.Int"/>; <c>typeof(X)</c> carries X's <see cref="TypeRef"/> (null if X is not a named type).</summary>
internal sealed record ArgumentValue(ValueKind Kind, string? Text, int Number, EquatableArray<string> Items, TypeRef? Type)
{
    public static readonly ArgumentValue Error = new(ValueKind.Error, null, 0, default, null);
    public static readonly ArgumentValue Null = new(ValueKind.Null, null, 0, default, null);
    public static readonly ArgumentValue Other = new(ValueKind.Other, null, 0, default, null);
    public static readonly ArgumentValue True = new(ValueKind.Bool, null, 1, default, null);
    public static readonly ArgumentValue False = new(ValueKind.Bool, null, 0, default, null);

    public static ArgumentValue String(string value) => new(ValueKind.String, value, 0, default, null);

    public static ArgumentValue Int(int value) => new(ValueKind.Int, null, value, default, null);

    public static ArgumentValue Strings(EquatableArray<string> items) => new(ValueKind.StringArray, null, 0, items, null);

    public static ArgumentValue OfType(TypeRef? type) => new(ValueKind.Type, null, 0, default, type);

    /// <summary>Bound and not null: an explicit null means "not set", like leaving the argument out.</summary>
    public bool IsUsable => Kind != ValueKind.Error && Kind != ValueKind.Null;

    public bool TryGetString(out string? value)
    {
        value = Text;
        return Kind is ValueKind.String or ValueKind.Null;
    }

    public bool TryGetInt(out int value)
    {
        value = Kind == ValueKind.Int ? Number : 0;
        return Kind == ValueKind.Int;
    }

    public bool TryGetBool(out bool value)
    {
        value = Kind == ValueKind.Bool && Number != 0;
        return Kind == ValueKind.Bool;
    }

    public bool TryGetStringArray(out EquatableArray<string> value)
    {
        value = Kind == ValueKind.StringArray ? Items : default;
        return Kind == ValueKind.StringArray;
    }
}

internal sealed record NamedArgument(string Name, ArgumentValue Value);
