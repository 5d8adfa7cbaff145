using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using EzHomelab.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators.Extraction;

/// <summary>
/// Reads attribute arguments defensively: while the user types, arguments may be missing, of the wrong type or
/// unbound; such a value is skipped, never thrown on.
/// </summary>
internal static class AttributeReader
{
    public const string GenericArgument = "<T>";

    public static bool TryGetConstructorArgument(AttributeData attribute, int index, out TypedConstant value)
    {
        var args = attribute.ConstructorArguments;
        if (attribute.AttributeConstructor is null || index >= args.Length || args[index].Kind == TypedConstantKind.Error)
        {
            value = default;
            return false;
        }
        value = args[index];
        return true;
    }

    public static bool TryGetString(TypedConstant constant, out string? value)
    {
        value = null;
        if (constant.Kind != TypedConstantKind.Primitive) return false;
        if (constant.Value is null) return true;
        value = constant.Value as string;
        return value is not null;
    }

    public static bool TryGetInt(TypedConstant constant, out int value)
    {
        value = 0;
        if (constant.Kind != TypedConstantKind.Primitive && constant.Kind != TypedConstantKind.Enum) return false;
        if (constant.Value is int i) { value = i; return true; }
        return false;
    }

    public static bool TryGetBool(TypedConstant constant, out bool value)
    {
        value = false;
        if (constant.Kind != TypedConstantKind.Primitive || constant.Value is not bool b) return false;
        value = b;
        return true;
    }

    /// <summary>A string array; null elements become empty strings (the validator judges content, not nullness).</summary>
    public static bool TryGetStringArray(TypedConstant constant, out EquatableArray<string> value)
    {
        value = default;
        if (constant.Kind != TypedConstantKind.Array || constant.IsNull) return false;
        var items = constant.Values;
        var result = new string[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i].Kind != TypedConstantKind.Primitive) return false;
            result[i] = items[i].Value as string ?? "";
        }
        value = new EquatableArray<string>(result);
        return true;
    }

    public static ITypeSymbol? GetType(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Type ? constant.Value as ITypeSymbol : null;

    /// <summary>Bound and not null: an explicit null means "not set", like leaving the argument out.</summary>
    public static bool IsUsable(TypedConstant constant) => constant.Kind != TypedConstantKind.Error && !constant.IsNull;

    /// <summary>
    /// Where the attribute and each argument were written. Positional arguments are named after their constructor
    /// parameter, named ones after their property; a generic attribute's type argument is <see cref="GenericArgument"/>.
    /// An attribute with no source (a base class from another assembly) points at <paramref name="fallback"/>.
    /// </summary>
    public static AttributeSites ReadSites(AttributeData attribute, LocationInfo fallback, CancellationToken cancellationToken)
    {
        var reference = attribute.ApplicationSyntaxReference;
        if (reference is null || reference.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            return new AttributeSites(fallback, EquatableArray<ArgumentSite>.Empty);

        List<ArgumentSite>? sites = null;
        var arguments = syntax.ArgumentList?.Arguments;
        if (arguments is { Count: > 0 } list)
        {
            sites = new List<ArgumentSite>(list.Count + 1);
            var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            int position = 0;
            foreach (var argument in list)
            {
                string name;
                if (argument.NameEquals is not null) name = argument.NameEquals.Name.Identifier.ValueText;
                else if (argument.NameColon is not null) name = argument.NameColon.Name.Identifier.ValueText;
                else
                {
                    name = parameters.Length == 0 ? "#" + position : parameters[position < parameters.Length ? position : parameters.Length - 1].Name;
                    position++;
                }
                // A params array spread over several positional arguments points at its first element.
                if (!Contains(sites, name)) sites.Add(new ArgumentSite(name, LocationInfo.From(argument)));
            }
        }

        var typeArguments = GenericArguments(syntax.Name);
        if (typeArguments is { Count: > 0 } types)
        {
            sites ??= new List<ArgumentSite>(1);
            sites.Add(new ArgumentSite(GenericArgument, LocationInfo.From(types[0])));
        }

        return new AttributeSites(LocationInfo.From(syntax), EquatableArray.From(sites));
    }

    private static bool Contains(List<ArgumentSite> sites, string name)
    {
        foreach (var site in sites)
            if (site.Name == name) return true;
        return false;
    }

    private static Microsoft.CodeAnalysis.SeparatedSyntaxList<TypeSyntax>? GenericArguments(NameSyntax name) => name switch
    {
        GenericNameSyntax generic => generic.TypeArgumentList.Arguments,
        QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic.TypeArgumentList.Arguments,
        AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList.Arguments,
        _ => null,
    };
}
