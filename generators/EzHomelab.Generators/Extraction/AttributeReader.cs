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

    /// <summary>Copies an attribute's constant arguments and where they were written into plain values.</summary>
    public static AttributeValues ToValues(AttributeData attribute, AttributeKind kind, LocationInfo fallback, CancellationToken cancellationToken)
    {
        var constructor = attribute.ConstructorArguments;
        var values = new ArgumentValue[constructor.Length];
        for (int i = 0; i < values.Length; i++) values[i] = ToValue(constructor[i]);
        var named = new NamedArgument[attribute.NamedArguments.Length];
        for (int i = 0; i < named.Length; i++)
        {
            var pair = attribute.NamedArguments[i];
            named[i] = new NamedArgument(pair.Key, ToValue(pair.Value));
        }
        TypeRef? typeArgument = null;
        if (kind is AttributeKind.DependsOnGeneric or AttributeKind.EgressGeneric)
        {
            var typeArguments = attribute.AttributeClass?.TypeArguments ?? default;
            if (!typeArguments.IsDefaultOrEmpty) typeArgument = ServiceExtractor.ReadTypeRef(typeArguments[0]);
        }
        return new AttributeValues(
            kind,
            attribute.AttributeConstructor is not null,
            new EquatableArray<ArgumentValue>(values),
            new EquatableArray<NamedArgument>(named),
            typeArgument,
            ReadSites(attribute, fallback, cancellationToken));
    }

    private static ArgumentValue ToValue(TypedConstant constant)
    {
        switch (constant.Kind)
        {
            case TypedConstantKind.Primitive:
                return constant.Value switch
                {
                    null => ArgumentValue.Null,
                    string text => ArgumentValue.String(text),
                    int number => ArgumentValue.Int(number),
                    bool flag => flag ? ArgumentValue.True : ArgumentValue.False,
                    _ => ArgumentValue.Other,
                };
            case TypedConstantKind.Enum:
                return constant.Value is int member ? ArgumentValue.Int(member) : ArgumentValue.Other;
            case TypedConstantKind.Type:
                return ArgumentValue.OfType(ServiceExtractor.ReadTypeRef(constant.Value as ITypeSymbol));
            case TypedConstantKind.Array:
                if (constant.IsNull) return ArgumentValue.Null;
                var items = constant.Values;
                var result = new string[items.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    // Null elements become empty strings (the validator judges content, not nullness).
                    if (items[i].Kind != TypedConstantKind.Primitive) return ArgumentValue.Other;
                    result[i] = items[i].Value as string ?? "";
                }
                return ArgumentValue.Strings(new EquatableArray<string>(result));
            default:
                return ArgumentValue.Error;
        }
    }

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
