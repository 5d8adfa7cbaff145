using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Syntax;

/// <summary>
/// One class declaration as read from syntax alone: enough to resolve names between classes and to build the
/// service or lab model without binding anything. Anything the reader cannot judge without the compiler sets
/// <see cref="NeedsSemanticModel"/>, and such a class goes through the semantic path instead.
/// </summary>
/// <param name="Namespace">Dotted namespace as written (identifiers without <c>@</c>); null for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Keyword"><c>class</c>, or <c>record</c> for a record class.</param>
/// <param name="IsFile">Declared <c>file</c> (file-local).</param>
/// <param name="Accessibility">As declared, else C#'s default for where the class is declared.</param>
/// <param name="BaseType">The first type of the base list, unless it is <c>object</c>; null when there is none.</param>
/// <param name="Scopes">Where names written in this declaration are looked up, innermost first.</param>
/// <param name="Attributes">The attributes whose name is spelled like one of ours (whether they are ours is decided with the scopes).</param>
/// <param name="OtherAttributeNames">Simple names of the other attributes: one of them may be an alias of ours.</param>
/// <param name="DeclaresDefinition">The declaration has a member named <c>Definition</c>.</param>
/// <param name="ShapeNeedsSemanticModel">The declaration itself or one of its markers needs the compiler (not just an argument).</param>
/// <param name="MarkerSpelled">An attribute is spelled like <c>[Service]</c>, <c>[Stack]</c> or <c>[Homelab]</c> (read or not).</param>
internal sealed record ClassSyntaxRecord(
    string Name,
    int Arity,
    string? Namespace,
    EquatableArray<ContainingTypeRecord> ContainingTypes,
    string Keyword,
    bool IsPartial,
    bool IsAbstract,
    bool IsStatic,
    bool IsFile,
    Accessibility Accessibility,
    WrittenName? BaseType,
    ScopeChain Scopes,
    EquatableArray<AttributeSyntaxRecord> Attributes,
    EquatableArray<string> OtherAttributeNames,
    bool DeclaresDefinition,
    bool NeedsSemanticModel,
    bool MarkerSpelled,
    bool ShapeNeedsSemanticModel,
    LocationInfo Identifier)
{
    private static readonly LocationInfo Nowhere = new("", default, default);

    /// <summary>An abstract class's declaration has a member named <c>Template</c>: it gets no generated one (ServiceTemplates).</summary>
    public bool DeclaresTemplate { get; init; }

    /// <summary>This entry of the index lacks the attribute arguments (see <see cref="ForIndex"/>).</summary>
    public bool AttributesTrimmed { get; private init; }

    /// <summary>
    /// What the index keeps of the class: no locations of the class itself, and for a concrete class that is marked or
    /// derives from something (a service or lab, or a catalog lab's one-line class; rarely a base) only the markers and
    /// <c>[Service(Name)]</c>, which is all a <c>typeof</c> of it reads. Editing a service's other arguments therefore
    /// leaves its index entry equal, and the index step cached. A class deriving from such a class is read by the compiler;
    /// a concrete base of one's own (no base, no marker) keeps its attributes, so it stays on this path.
    /// </summary>
    public ClassSyntaxRecord ForIndex()
    {
        if (IsAbstract || (!MarkerSpelled && BaseType is null)) return this with { Identifier = Nowhere };
        var markers = new System.Collections.Generic.List<AttributeSyntaxRecord>(2);
        foreach (var attribute in Attributes)
        {
            if (attribute.Values.Kind is not (AttributeKind.Service or AttributeKind.Stack or AttributeKind.Homelab)) continue;
            NamedArgument? name = null;
            foreach (var named in attribute.Values.Named)
                if (named.Name == "Name") name = named;
            var values = attribute.Values with
            {
                Constructor = EquatableArray<ArgumentValue>.Empty,
                Named = name is null ? EquatableArray<NamedArgument>.Empty : new EquatableArray<NamedArgument>(new[] { name }),
                Sites = new AttributeSites(Nowhere, EquatableArray<ArgumentSite>.Empty),
            };
            markers.Add(attribute with { Values = values, UsesSimpleEnumNames = false });
        }
        return this with
        {
            Attributes = EquatableArray.From(markers),
            NeedsSemanticModel = ShapeNeedsSemanticModel,
            Identifier = Nowhere,
            AttributesTrimmed = true,
        };
    }

    /// <summary>Dotted full name as written, without <c>@</c>: <c>Ns.Outer.Name</c>.</summary>
    public string FullName { get; } = FullNameOf(Namespace, ContainingTypes, Name);

    /// <summary>
    /// The class may be a service or a lab: it has an attribute spelled like a marker, or one that might alias it, or a
    /// base, which may be a template it inherits its marker from.
    /// </summary>
    public bool HasCandidateMarker => MarkerSpelled || OtherAttributeNames.Count > 0 || BaseType is not null;

    private static string FullNameOf(string? ns, EquatableArray<ContainingTypeRecord> containing, string name)
    {
        if (ns is null && containing.Count == 0) return name;
        var text = new System.Text.StringBuilder(ns ?? "");
        foreach (var type in containing)
        {
            if (text.Length > 0) text.Append('.');
            text.Append(type.Name);
        }
        if (text.Length > 0) text.Append('.');
        return text.Append(name).ToString();
    }
}

/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Accessibility">As this declaration states it (internal when a top-level type states none).</param>
/// <param name="IsFile">Declared <c>file</c> (file-local).</param>
internal sealed record ContainingTypeRecord(string Name, string Keyword, bool IsPartial, bool IsGeneric, Accessibility Accessibility, bool IsFile);

/// <summary>A type or namespace name as written: <c>A.B.C</c>, optionally <c>global::</c>-qualified. Identifiers without <c>@</c>.</summary>
internal sealed record WrittenName(bool IsGlobal, EquatableArray<string> Segments)
{
    public override string ToString() => (IsGlobal ? "global::" : "") + string.Join(".", Segments);
}

/// <summary>
/// One of our attributes as read from syntax. <see cref="Values"/> holds every argument except the referenced type,
/// which is only written here (<see cref="Target"/>) and resolved against the other classes later.
/// </summary>
/// <param name="Qualifier">How the attribute name was qualified: null (simple name), <c>EzHomelab</c>, or an identifier that must be an alias of it.</param>
/// <param name="UsesSimpleEnumNames">An argument names an enum member as <c>Access.Bypass</c>: EzHomelab must be in scope.</param>
/// <param name="Target"><c>typeof(X)</c> in the first constructor argument, or the <c>&lt;X&gt;</c> of a generic attribute.</param>
internal sealed record AttributeSyntaxRecord(
    AttributeValues Values,
    string? Qualifier,
    string SimpleName,
    bool UsesSimpleEnumNames,
    WrittenName? Target);

/// <summary>The lookup scopes of a declaration, innermost first (containing types, then namespaces, then the file).</summary>
internal sealed record ScopeChain(EquatableArray<ScopeLevel> Levels);

/// <param name="Container">Full dotted name of the type or namespace this level looks into; null for the global namespace (the file level).</param>
/// <param name="Usings">Namespaces imported at this level (<c>using X;</c>), dotted.</param>
/// <param name="Aliases">Aliases declared at this level.</param>
internal sealed record ScopeLevel(string? Container, bool IsType, EquatableArray<string> Usings, EquatableArray<UsingAlias> Aliases);

/// <param name="Target">The aliased name; null when it is not a plain dotted name (e.g. a generic type).</param>
internal sealed record UsingAlias(string Name, WrittenName? Target);

/// <summary>A <c>global using</c> directive: a namespace import or an alias, visible in every file.</summary>
internal sealed record GlobalUsingRecord(string? Namespace, UsingAlias? Alias);
