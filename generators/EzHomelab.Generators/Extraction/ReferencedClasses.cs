using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using EzHomelab.Generators.Model;
using EzHomelab.Generators.Syntax;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Extraction;

/// <summary>
/// The public classes of one referenced assembly that uses EzHomelab (the catalog, a shared library of the user's),
/// as index facts: what a lab class deriving from one of them needs, read once from symbols.
/// </summary>
/// <param name="TypeNames">Dotted names of every public class, containers such as the static <c>Catalog</c> included (for name lookup).</param>
/// <param name="Namespaces">Every namespace holding one of them, with its parents (for qualified names).</param>
internal sealed record ReferencedAssembly(
    string Name,
    EquatableArray<ClassFacts> Classes,
    EquatableArray<string> TypeNames,
    EquatableArray<string> Namespaces)
{
    public static readonly ReferencedAssembly None = new("", EquatableArray<ClassFacts>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty);
}

/// <summary>
/// Reads the classes of referenced assemblies for the syntactic path, so a lab class deriving from a catalog class
/// is as cheap as one deriving from a class in source. The step's input is the compilation (it reruns on every edit),
/// but each reference is read once: a reference is immutable (a file image, or a compilation, which never changes), so
/// its facts are memoised per reference object and every later run is a table lookup per reference. The result is
/// made of the same instances each time, so comparing it with the last run's (to decide whether the index changed)
/// costs one reference comparison per assembly.
/// </summary>
internal static class ReferencedClasses
{
    private static readonly ConditionalWeakTable<MetadataReference, ReferencedAssembly> ByReference = new();

    private const string OurAssembly = "EzHomelab";
    private const int MaxBaseDepth = 64;

    private static readonly LocationInfo Nowhere = new("", default, default);

    public static EquatableArray<ReferencedAssembly> Read(Compilation compilation, CancellationToken cancellationToken)
    {
        List<ReferencedAssembly>? assemblies = null;
        foreach (var reference in compilation.References)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ByReference.TryGetValue(reference, out var assembly))
            {
                assembly = compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol symbol && UsesEzHomelab(symbol)
                    ? ReadAssembly(symbol, cancellationToken)
                    : ReferencedAssembly.None;
                // Two runs may race here (an IDE runs the driver concurrently): both computed equal values; keep the first.
                assembly = ByReference.GetValue(reference, _ => assembly);
            }
            if (assembly.TypeNames.Count > 0) (assemblies ??= new List<ReferencedAssembly>()).Add(assembly);
        }
        return EquatableArray.From(assemblies);
    }

    /// <summary>Only an assembly compiled against EzHomelab can hold classes with our attributes.</summary>
    private static bool UsesEzHomelab(IAssemblySymbol assembly)
    {
        if (assembly.Name == OurAssembly) return false;
        foreach (var module in assembly.Modules)
            foreach (var referenced in module.ReferencedAssemblies)
                if (referenced.Name == OurAssembly) return true;
        return false;
    }

    private static ReferencedAssembly ReadAssembly(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        var classes = new List<ClassFacts>();
        var typeNames = new List<string>();
        var namespaces = new SortedSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var container = pending.Pop();
            if (container is INamespaceSymbol ns)
                foreach (var member in ns.GetNamespaceMembers()) pending.Push(member);
            foreach (var type in container.GetTypeMembers())
            {
                if (type.DeclaredAccessibility != Accessibility.Public || type.TypeKind != TypeKind.Class || type.Arity > 0) continue;
                var name = DottedName(type);
                typeNames.Add(name);
                if (type.ContainingType is null && !type.ContainingNamespace.IsGlobalNamespace) AddWithParents(namespaces, name.Substring(0, name.Length - type.Name.Length - 1));
                pending.Push(type);
                if (!type.IsStatic) classes.Add(FactsOf(type, name, cancellationToken));
            }
        }
        classes.Sort(static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        typeNames.Sort(System.StringComparer.Ordinal);
        return new ReferencedAssembly(assembly.Identity.GetDisplayName(), EquatableArray.From(classes), EquatableArray.From(typeNames), EquatableArray.From(new List<string>(namespaces)));
    }

    /// <summary>The facts the syntactic path reads of a base class, as <see cref="ServiceExtractor"/> would read them from the symbol.</summary>
    private static ClassFacts FactsOf(INamedTypeSymbol type, string name, CancellationToken cancellationToken)
    {
        var attributes = new List<AttributeValues>();
        bool directlyMarked = false;
        foreach (var attribute in type.GetAttributes())
        {
            var kind = AttributeKinds.Classify(attribute.AttributeClass);
            if (kind == AttributeKind.None) continue;
            directlyMarked |= kind is AttributeKind.Service or AttributeKind.Stack;
            // Location-free: a derived lab class points its diagnostics at itself (see SyntacticModelBuilder).
            attributes.Add(AttributeReader.ToValues(attribute, kind, Nowhere, cancellationToken) with { Sites = new AttributeSites(Nowhere, EquatableArray<ArgumentSite>.Empty) });
        }

        // The base, if anything up its chain carries our attributes; a chain without them contributes only a Definition to hide.
        string? baseName = null;
        bool declaresDefinition = type.GetMembers("Definition").Length > 0;
        int depth = 0;
        for (var current = type.BaseType; current is not null && current.SpecialType != SpecialType.System_Object && depth < MaxBaseDepth; current = current.BaseType, depth++)
        {
            if (ChainCarriesOurs(current)) { baseName = DottedName(type.BaseType!); break; }
            declaresDefinition |= current.GetMembers("Definition").Length > 0;
        }

        var reference = ServiceExtractor.ReadTypeRef(type)!;
        return new ClassFacts(name, baseName, type.IsAbstract, declaresDefinition, directlyMarked, reference.IsService, ChainServiceName(type), reference,
            NeedsSemanticModel: false, EquatableArray.From(attributes), IsPlaceholder: false, AttributesTrimmed: false, FromMetadata: true, ChainMaybeMarked: reference.IsService,
            HasTemplate: ServiceTemplates.HasUsableTemplate(type));
    }

    private static bool ChainCarriesOurs(INamedTypeSymbol type)
    {
        int depth = 0;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && depth < MaxBaseDepth; current = current.BaseType, depth++)
            foreach (var attribute in current.GetAttributes())
                if (AttributeKinds.Classify(attribute.AttributeClass) != AttributeKind.None) return true;
        return false;
    }

    /// <summary>The first <c>[Service(Name)]</c> from the class down its bases (<see cref="ClassFacts.ChainServiceName"/>).</summary>
    private static string? ChainServiceName(INamedTypeSymbol type)
    {
        int depth = 0;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && depth < MaxBaseDepth; current = current.BaseType, depth++)
            foreach (var attribute in current.GetAttributes())
            {
                if (AttributeKinds.Classify(attribute.AttributeClass) != AttributeKind.Service) continue;
                foreach (var pair in attribute.NamedArguments)
                    if (pair.Key == "Name" && pair.Value.Value is string value) return value;
            }
        return null;
    }

    /// <summary>The name as <see cref="ClassSyntaxRecord.FullName"/> spells it: namespace, containing types and name, dotted, no <c>@</c>.</summary>
    private static string DottedName(INamedTypeSymbol type)
    {
        TypeShapeReader.GetNames(type, out _, out var display);
        return display;
    }

    private static void AddWithParents(SortedSet<string> namespaces, string ns)
    {
        while (namespaces.Add(ns))
        {
            int dot = ns.LastIndexOf('.');
            if (dot < 0) return;
            ns = ns.Substring(0, dot);
        }
    }
}
