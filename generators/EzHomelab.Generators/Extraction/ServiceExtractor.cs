using System.Collections.Generic;
using System.Threading;
using EzHomelab.Generators.Model;
using EzHomelab.Generators.Syntax;
using EzHomelab.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators.Extraction;

/// <summary>
/// Turns one marked class into a <see cref="ServiceModel"/>. Attributes of the class and of every base class
/// (also from other assemblies) are merged: for single-valued attributes each argument the more derived class
/// sets wins; repeatable attributes add up, base first, and a more derived entry with the same key (variable
/// name, label key, mount target, dependency) replaces the base's in place.
/// </summary>
internal static class ServiceExtractor
{
    private const int MaxBaseDepth = 64;

    /// <summary>
    /// The semantic path: the class as a symbol, <paramref name="node"/> being the declaration that holds its first
    /// marker. For an abstract class (a template for services, not a service itself) the model of its generated
    /// <c>Template</c> (<see cref="TypeShape.IsTemplate"/>), or null when it cannot have one.
    /// </summary>
    public static ServiceModel? Extract(INamedTypeSymbol symbol, TypeDeclarationSyntax node, CancellationToken cancellationToken)
    {
        if (symbol.IsAbstract) return ExtractTemplate(symbol, node, cancellationToken);

        var classLocation = LocationInfo.From(node.Identifier);
        var chain = ChainOf(symbol);

        var builder = new ServiceBuilder(classLocation);
        bool hidesBaseDefinition = ApplyChain(builder, symbol, chain, classLocation, chain.Count - 1, lowestLevel: 1, cancellationToken);
        // A base from another assembly with a template this generator wrote: the Definition starts from it (ServiceTemplates).
        TemplateModel? template = null;
        if (chain.Count > 1 && chain[1] is var templateBase
            && !SymbolEqualityComparer.Default.Equals(templateBase.ContainingAssembly, symbol.ContainingAssembly)
            && ServiceTemplates.HasUsableTemplate(templateBase) && ReadTypeRef(templateBase) is { } reference)
            template = new TemplateModel(reference.FullyQualifiedName, builder.BuildSpec(TypeShape.OfReferencedTemplate(reference)));
        ApplyChain(builder, symbol, chain, classLocation, highestLevel: 0, lowestLevel: 0, cancellationToken);

        var service = builder.Build(TypeShapeReader.Read(symbol, node, hidesBaseDefinition));
        return template is null ? service : service with { Spec = service.Spec with { BaseTemplate = template } };
    }

    /// <summary>An abstract class marked itself, whose declaration can take members and whose chain names an image.</summary>
    private static ServiceModel? ExtractTemplate(INamedTypeSymbol symbol, TypeDeclarationSyntax node, CancellationToken cancellationToken)
    {
        if (!AttributeKinds.CarriesDirectly(symbol, AttributeKind.Service) && !AttributeKinds.CarriesDirectly(symbol, AttributeKind.Stack)) return null;
        // A member of that name written by hand: a generated one would clash with it.
        if (symbol.GetMembers(ServiceTemplates.MemberName).Length > 0) return null;
        var shape = TypeShapeReader.Read(symbol, node, hidesBaseDefinition: false) with { IsTemplate = true };
        if (!shape.CanEmit) return null;
        var chain = ChainOf(symbol);
        var builder = new ServiceBuilder(LocationInfo.From(node.Identifier));
        ApplyChain(builder, symbol, chain, LocationInfo.From(node.Identifier), chain.Count - 1, lowestLevel: 0, cancellationToken);
        var template = builder.Build(shape);
        return template.Spec.Image is null ? null : template;
    }

    /// <summary>The class and its bases up to <c>object</c>, the class at level 0.</summary>
    private static List<INamedTypeSymbol> ChainOf(INamedTypeSymbol symbol)
    {
        var chain = new List<INamedTypeSymbol>(4);
        for (var type = symbol; type is not null && type.SpecialType != SpecialType.System_Object && chain.Count < MaxBaseDepth; type = type.BaseType)
            chain.Add(type);
        return chain;
    }

    /// <summary>
    /// Applies the attributes of the chain's levels <paramref name="highestLevel"/> down to <paramref name="lowestLevel"/>,
    /// most basic first (0 is the class itself); true when one of those bases already has a <c>Definition</c> the class's must hide.
    /// </summary>
    private static bool ApplyChain(ServiceBuilder builder, INamedTypeSymbol symbol, List<INamedTypeSymbol> chain, LocationInfo classLocation,
        int highestLevel, int lowestLevel, CancellationToken cancellationToken)
    {
        bool hidesBaseDefinition = false;
        for (int level = highestLevel; level >= lowestLevel; level--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = chain[level];
            TypeShapeReader.GetNames(type, out _, out var declaringClass);
            bool directlyMarked = false;
            // Another assembly's attributes (a catalog class's) have no source in this compilation: they point at the class.
            bool foreign = !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, symbol.ContainingAssembly);
            foreach (var attribute in type.GetAttributes())
            {
                var kind = AttributeKinds.Classify(attribute.AttributeClass);
                if (kind == AttributeKind.None) continue;
                if (kind is AttributeKind.Service or AttributeKind.Stack) directlyMarked = true;
                var values = AttributeReader.ToValues(attribute, kind, classLocation, cancellationToken);
                builder.Apply(foreign ? values with { Sites = new AttributeSites(classLocation, EquatableArray<ArgumentSite>.Empty) } : values, level, declaringClass);
            }
            if (level > 0 && !hidesBaseDefinition)
                hidesBaseDefinition = type.GetMembers("Definition").Length > 0
                    || (directlyMarked && !type.IsAbstract && !foreign && type.DeclaringSyntaxReferences.Length > 0);
        }
        return hidesBaseDefinition;
    }

    /// <summary>
    /// The declaration a service's model comes from: the one holding its first <paramref name="marker"/>, or for a class
    /// that inherits its marker from a template, its first declaration.
    /// </summary>
    internal static TypeDeclarationSyntax? ServiceDeclaration(INamedTypeSymbol symbol, AttributeKind marker, CancellationToken cancellationToken)
    {
        if (AttributeKinds.CarriesDirectly(symbol, marker)) return DeclarationWithFirstMarker(symbol, marker, cancellationToken);
        foreach (var reference in symbol.DeclaringSyntaxReferences)
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && ClassSyntaxReader.IsClassDeclaration(declaration)) return declaration;
        return null;
    }

    /// <summary>
    /// The declaration a class's model comes from: the one holding its first <paramref name="marker"/>. A partial class
    /// may repeat the marker on several declarations (a compiler error, but it must not make the generator add one file twice).
    /// </summary>
    internal static TypeDeclarationSyntax? DeclarationWithFirstMarker(INamedTypeSymbol symbol, AttributeKind marker, CancellationToken cancellationToken)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (AttributeKinds.Classify(attribute.AttributeClass) != marker) continue;
            var node = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            while (node is not null && node is not TypeDeclarationSyntax) node = node.Parent;
            return node is TypeDeclarationSyntax declaration && ClassSyntaxReader.IsClassDeclaration(declaration) ? declaration : null;
        }
        return null;
    }

    /// <summary>A <c>typeof(X)</c> or generic argument: X's name, whether it is a service class, and its service name.</summary>
    public static TypeRef? ReadTypeRef(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error) return null;
        bool marked = false;
        string? serviceName = null;
        int depth = 0;
        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object && depth < MaxBaseDepth; current = current.BaseType, depth++)
        {
            foreach (var attribute in current.GetAttributes())
            {
                var kind = AttributeKinds.Classify(attribute.AttributeClass);
                if (kind == AttributeKind.Stack) marked = true;
                else if (kind == AttributeKind.Service)
                {
                    marked = true;
                    if (serviceName is null) serviceName = NamedString(attribute, "Name");
                }
            }
        }
        TypeShapeReader.GetNames(named, out var fullyQualified, out var display);
        return new TypeRef(fullyQualified, display, marked && named.TypeKind == TypeKind.Class, serviceName ?? Naming.ToKebabCase(named.Name));
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
            if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Primitive && pair.Value.Value is string value) return value;
        return null;
    }
}
