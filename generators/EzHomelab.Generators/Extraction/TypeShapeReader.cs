using System.Collections.Generic;
using System.Text;
using EzHomelab.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators.Extraction;

/// <summary>Reads how a class is declared, and spells type names without going through symbol display formatting.</summary>
internal static class TypeShapeReader
{
    /// <param name="node">The class or record class declaration holding the class's first marker.</param>
    public static TypeShape Read(INamedTypeSymbol symbol, TypeDeclarationSyntax node, bool hidesBaseDefinition)
    {
        GetNames(symbol, out var fullyQualified, out var display);

        string? notPartial = IsPartial(node) ? null : display;
        string? unsupported = symbol.IsStatic ? "static" : null;
        if (symbol.Arity > 0) unsupported = "generic";
        string? unreachable = AccessibilityProblem(symbol.DeclaredAccessibility);
        string? fileLocal = symbol.IsFileLocal ? FileLocal : null;

        var containing = new List<string>();
        var containingSymbol = symbol.ContainingType;
        for (var parent = node.Parent; parent is TypeDeclarationSyntax type; parent = parent.Parent, containingSymbol = containingSymbol?.ContainingType)
        {
            if (notPartial is null && !IsPartial(type)) notPartial = type.Identifier.ValueText;
            if (type.TypeParameterList is not null) unsupported = "nested in a generic type";
            var keyword = Keyword(type);
            if (containingSymbol is not null)
            {
                unreachable ??= Inside(AccessibilityProblem(containingSymbol.DeclaredAccessibility), keyword, type.Identifier.ValueText);
                fileLocal ??= containingSymbol.IsFileLocal ? Inside(FileLocal, keyword, type.Identifier.ValueText) : null;
            }
            containing.Add("partial " + keyword + " " + Escape(type.Identifier.ValueText));
        }
        containing.Reverse();

        string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : NamespaceOf(symbol);

        return new TypeShape(
            ns,
            containing.Count == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(containing.ToArray()),
            Keyword(node),
            Escape(symbol.Name),
            symbol.Name,
            display,
            fullyQualified,
            notPartial,
            unsupported ?? fileLocal,
            unreachable,
            hidesBaseDefinition,
            TemplatesOf(symbol));
    }

    private const int MaxBaseDepth = 64;

    /// <summary>The abstract ancestors that are (or derive from) marked classes, nearest first; see <see cref="TypeShape.Templates"/>.</summary>
    private static EquatableArray<string> TemplatesOf(INamedTypeSymbol symbol)
    {
        List<string>? templates = null;
        int depth = 0;
        for (var type = symbol.BaseType; type is not null && type.SpecialType != SpecialType.System_Object && depth < MaxBaseDepth; type = type.BaseType, depth++)
        {
            if (!type.IsAbstract || ServiceExtractor.ReadTypeRef(type) is not { IsService: true } reference) continue;
            (templates ??= new List<string>(2)).Add(reference.FullyQualifiedName);
        }
        return EquatableArray.From(templates);
    }

    /// <summary>The reason (shared by both paths) for a file-local class: the generated part, in another file, cannot join it.</summary>
    internal const string FileLocal = "file-local";

    /// <summary>
    /// An accessibility the lab's <c>Definition</c> (another class of the assembly) cannot see past, as C# spells it;
    /// null for public, internal and protected internal.
    /// </summary>
    internal static string? AccessibilityProblem(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => null,
    };

    /// <summary>A containing type's problem, named: <c>inside private class 'Apps'</c>.</summary>
    internal static string? Inside(string? problem, string keyword, string name) =>
        problem is null ? null : "inside " + problem + " " + keyword + " '" + name + "'";

    /// <summary><c>global::Ns.@class.Inner</c> (escaped) and <c>Ns.class.Inner</c> (as written, for messages and hint names).</summary>
    public static void GetNames(INamedTypeSymbol symbol, out string fullyQualified, out string display)
    {
        var parts = new List<string>(4);
        for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is INamespaceSymbol { IsGlobalNamespace: true }) break;
            if (current is not INamespaceOrTypeSymbol) break;
            parts.Add(current.Name);
        }
        parts.Reverse();
        var fq = new StringBuilder("global::");
        var plain = new StringBuilder();
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0) { fq.Append('.'); plain.Append('.'); }
            fq.Append(Escape(parts[i]));
            plain.Append(parts[i]);
        }
        fullyQualified = fq.ToString();
        display = plain.ToString();
    }

    private static string NamespaceOf(INamedTypeSymbol symbol)
    {
        var parts = new List<string>(3);
        for (var ns = symbol.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            parts.Add(Escape(ns.Name));
        parts.Reverse();
        return string.Join(".", parts);
    }

    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    private static bool IsPartial(TypeDeclarationSyntax type)
    {
        foreach (var modifier in type.Modifiers)
            if (modifier.IsKind(SyntaxKind.PartialKeyword)) return true;
        return false;
    }

    /// <summary>The keyword that re-declares a type as partial (shared with the syntactic reader).</summary>
    internal static string Keyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
