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
    public static TypeShape Read(INamedTypeSymbol symbol, ClassDeclarationSyntax node, bool hidesBaseDefinition)
    {
        GetNames(symbol, out var fullyQualified, out var display);

        string? notPartial = IsPartial(node) ? null : display;
        string? unsupported = symbol.IsStatic ? "static" : null;
        if (symbol.Arity > 0) unsupported = "generic";

        var containing = new List<string>();
        for (var parent = node.Parent; parent is TypeDeclarationSyntax type; parent = parent.Parent)
        {
            if (notPartial is null && !IsPartial(type)) notPartial = type.Identifier.ValueText;
            if (type.TypeParameterList is not null) unsupported = "nested in a generic type";
            containing.Add("partial " + Keyword(type) + " " + Escape(type.Identifier.ValueText));
        }
        containing.Reverse();

        string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : NamespaceOf(symbol);

        return new TypeShape(
            ns,
            containing.Count == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(containing.ToArray()),
            Escape(symbol.Name),
            symbol.Name,
            display,
            fullyQualified,
            notPartial,
            unsupported,
            hidesBaseDefinition);
    }

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

    /// <summary>The keyword that re-declares a containing type as partial (shared with the syntactic reader).</summary>
    internal static string Keyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
