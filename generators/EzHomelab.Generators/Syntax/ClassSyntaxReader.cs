using System.Collections.Generic;
using System.Runtime.CompilerServices;
using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators.Syntax;

/// <summary>
/// Reads a class declaration into a <see cref="ClassSyntaxRecord"/> without the compiler's binder. Only literal
/// arguments are evaluated (string, number, bool, null, enum member, typeof, arrays, <c>+</c> of strings); any other
/// expression, or a literal of the wrong type for its parameter, marks the record as needing the semantic model.
/// </summary>
internal static class ClassSyntaxReader
{
    // Syntax nodes are immutable and an unchanged tree keeps its node instances across compilations, so the
    // driver's per-edit rerun of this transform over every class is a table lookup.
    private static readonly ConditionalWeakTable<TypeDeclarationSyntax, ClassSyntaxRecord> Records = new();
    private static readonly ConditionalWeakTable<SyntaxNode, ScopeChain> ScopesByContainer = new();

    /// <summary>
    /// A class or a record class: the declarations that can be services or labs. Structs, record structs and interfaces
    /// cannot carry the markers (their <c>AttributeUsage</c> is <c>Class</c>: the compiler reports CS0592).
    /// </summary>
    public static bool IsClassDeclaration(SyntaxNode node) =>
        node is ClassDeclarationSyntax || node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword);

    /// <param name="node">A class or record class declaration (see <see cref="IsClassDeclaration"/>).</param>
    public static ClassSyntaxRecord Read(TypeDeclarationSyntax node) =>
        Records.GetValue(node, static n => ReadUncached(n));

    public static GlobalUsingRecord Read(UsingDirectiveSyntax directive)
    {
        if (directive.Alias is { } alias)
            return new GlobalUsingRecord(null, new UsingAlias(alias.Name.Identifier.ValueText, ToWrittenName(directive.Name)));
        return new GlobalUsingRecord(directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) ? null : ToWrittenName(directive.Name)?.ToDotted(), null);
    }

    private static ClassSyntaxRecord ReadUncached(TypeDeclarationSyntax node)
    {
        bool needsSemantic = node.TypeParameterList is not null;
        bool isPartial = false, isAbstract = false, isStatic = false, isFile = false;
        foreach (var modifier in node.Modifiers)
        {
            switch (modifier.Kind())
            {
                case SyntaxKind.PartialKeyword: isPartial = true; break;
                case SyntaxKind.AbstractKeyword: isAbstract = true; break;
                case SyntaxKind.StaticKeyword: isStatic = true; break;
                case SyntaxKind.FileKeyword: isFile = true; break;
            }
        }
        // The class has one declaration here (several go to the compiler), so what it says, or the default, is its accessibility.
        var accessibility = DeclaredAccessibility(node) ?? DefaultAccessibility(node);

        var containing = new List<ContainingTypeRecord>();
        var namespaces = new List<string>();
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TypeDeclarationSyntax type)
            {
                bool generic = type.TypeParameterList is not null;
                needsSemantic |= generic;
                var declared = DeclaredAccessibility(type);
                // A nested partial type without a modifier here may get one from another of its declarations.
                if (declared is null && type.Parent is TypeDeclarationSyntax) needsSemantic = true;
                containing.Add(new ContainingTypeRecord(type.Identifier.ValueText, TypeShapeReader.Keyword(type), HasModifier(type, SyntaxKind.PartialKeyword), generic,
                    declared ?? Accessibility.Internal, HasModifier(type, SyntaxKind.FileKeyword)));
            }
            else if (parent is BaseNamespaceDeclarationSyntax ns)
            {
                var name = ToWrittenName(ns.Name);
                if (name is null || name.IsGlobal) needsSemantic = true;
                else namespaces.Add(name.ToDotted());
            }
        }
        containing.Reverse();
        namespaces.Reverse();
        string? fullNamespace = namespaces.Count == 0 ? null : string.Join(".", namespaces);

        WrittenName? baseType = null;
        if (node.BaseList is { Types.Count: > 0 } baseList)
        {
            var first = baseList.Types[0].Type;
            if (first is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.ObjectKeyword)) { }
            else if (ToWrittenName(first) is { } written) baseType = written;
            else needsSemantic = true;
        }

        // Problems of the declaration itself (not of one attribute argument) also make a typeof of it unreadable.
        bool shapeNeedsSemantic = needsSemantic;
        var attributes = new List<AttributeSyntaxRecord>();
        List<string>? otherNames = null;
        bool markerSpelled = false, markerUnread = false;
        var tree = node.SyntaxTree;
        var identifier = LocationInfo.From(tree, node.Identifier.Span);
        foreach (var list in node.AttributeLists)
        {
            if (list.Target is { } target && !target.Identifier.IsKind(SyntaxKind.TypeKeyword)) { needsSemantic = markerUnread = true; continue; }
            foreach (var attribute in list.Attributes)
            {
                var read = ReadAttribute(attribute, ref needsSemantic, out var simpleName);
                bool isMarker = simpleName is "Service" or "ServiceAttribute" or "Stack" or "StackAttribute" or "Homelab" or "HomelabAttribute";
                markerSpelled |= isMarker;
                markerUnread |= isMarker && read is null;
                if (read is not null) attributes.Add(read);
                else if (simpleName is not null) (otherNames ??= new List<string>()).Add(simpleName);
            }
        }

        return new ClassSyntaxRecord(
            node.Identifier.ValueText,
            node.TypeParameterList?.Parameters.Count ?? 0,
            fullNamespace,
            ToArray(containing),
            TypeShapeReader.Keyword(node),
            isPartial,
            isAbstract,
            isStatic,
            isFile,
            accessibility,
            baseType,
            ScopesOf(node),
            ToArray(attributes),
            EquatableArray.From(otherNames),
            DeclaresMember(node, "Definition"),
            needsSemantic,
            markerSpelled,
            shapeNeedsSemantic || markerUnread,
            identifier)
        { DeclaresTemplate = isAbstract && DeclaresMember(node, ServiceTemplates.MemberName) };
    }

    private static EquatableArray<T> ToArray<T>(List<T> items) where T : System.IEquatable<T> =>
        items.Count == 0 ? EquatableArray<T>.Empty : new EquatableArray<T>(items.ToArray());

    private static bool HasModifier(MemberDeclarationSyntax member, SyntaxKind kind)
    {
        foreach (var modifier in member.Modifiers)
            if (modifier.IsKind(kind)) return true;
        return false;
    }

    /// <summary>The accessibility the declaration's modifiers give, or null when it has none.</summary>
    private static Accessibility? DeclaredAccessibility(MemberDeclarationSyntax member)
    {
        bool isPublic = false, isInternal = false, isProtected = false, isPrivate = false;
        foreach (var modifier in member.Modifiers)
        {
            switch (modifier.Kind())
            {
                case SyntaxKind.PublicKeyword: isPublic = true; break;
                case SyntaxKind.InternalKeyword: isInternal = true; break;
                case SyntaxKind.ProtectedKeyword: isProtected = true; break;
                case SyntaxKind.PrivateKeyword: isPrivate = true; break;
            }
        }
        if (isPublic) return Accessibility.Public;
        if (isProtected && isInternal) return Accessibility.ProtectedOrInternal;
        if (isProtected && isPrivate) return Accessibility.ProtectedAndInternal;
        if (isProtected) return Accessibility.Protected;
        if (isInternal) return Accessibility.Internal;
        if (isPrivate) return Accessibility.Private;
        return null;
    }

    /// <summary>C#'s default: internal at the top level, public inside an interface, private inside any other type.</summary>
    private static Accessibility DefaultAccessibility(TypeDeclarationSyntax node) => node.Parent switch
    {
        InterfaceDeclarationSyntax => Accessibility.Public,
        TypeDeclarationSyntax => Accessibility.Private,
        _ => Accessibility.Internal,
    };

    /// <summary>The declaration has a member named <paramref name="name"/> (the generated one would clash with it).</summary>
    private static bool DeclaresMember(TypeDeclarationSyntax node, string name)
    {
        // A positional record's parameter becomes a property of that name.
        if (node is RecordDeclarationSyntax { ParameterList: { } parameters })
            foreach (var parameter in parameters.Parameters)
                if (parameter.Identifier.ValueText == name) return true;
        foreach (var member in node.Members)
        {
            switch (member)
            {
                case PropertyDeclarationSyntax p when p.Identifier.ValueText == name: return true;
                case MethodDeclarationSyntax m when m.Identifier.ValueText == name: return true;
                case EventDeclarationSyntax e when e.Identifier.ValueText == name: return true;
                case BaseTypeDeclarationSyntax t when t.Identifier.ValueText == name: return true;
                case DelegateDeclarationSyntax d when d.Identifier.ValueText == name: return true;
                case BaseFieldDeclarationSyntax f:
                    foreach (var variable in f.Declaration.Variables)
                        if (variable.Identifier.ValueText == name) return true;
                    break;
            }
        }
        return false;
    }

    // ---- names and scopes

    /// <summary>A dotted (optionally <c>global::</c>) name; null for generic, predefined, array, nullable or alias-qualified names.</summary>
    internal static WrittenName? ToWrittenName(TypeSyntax? type)
    {
        var segments = new List<string>(3);
        bool isGlobal = false;
        var current = type;
        while (true)
        {
            switch (current)
            {
                case IdentifierNameSyntax identifier:
                    segments.Add(identifier.Identifier.ValueText);
                    segments.Reverse();
                    return new WrittenName(isGlobal, new EquatableArray<string>(segments.ToArray()));
                case QualifiedNameSyntax qualified when qualified.Right is IdentifierNameSyntax right:
                    segments.Add(right.Identifier.ValueText);
                    current = qualified.Left;
                    continue;
                case AliasQualifiedNameSyntax aliased when aliased.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword) && aliased.Name is IdentifierNameSyntax name:
                    segments.Add(name.Identifier.ValueText);
                    segments.Reverse();
                    isGlobal = true;
                    return new WrittenName(isGlobal, new EquatableArray<string>(segments.ToArray()));
                default:
                    return null;
            }
        }
    }

    /// <summary>A dotted name in an expression (<c>EzHomelab.Access</c> is member access there, not a qualified name).</summary>
    private static WrittenName? ExpressionToWrittenName(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case NameSyntax name:
                return ToWrittenName(name);
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax right } member
                when ExpressionToWrittenName(member.Expression) is { } left:
                var segments = new string[left.Segments.Count + 1];
                for (int i = 0; i < left.Segments.Count; i++) segments[i] = left.Segments[i];
                segments[segments.Length - 1] = right.Identifier.ValueText;
                return new WrittenName(left.IsGlobal, new EquatableArray<string>(segments));
            default:
                return null;
        }
    }

    /// <summary>The lookup scopes of the declaration's container, shared by every class declared in it.</summary>
    private static ScopeChain ScopesOf(TypeDeclarationSyntax node)
    {
        var container = node.Parent ?? node;
        return ScopesByContainer.GetValue(container, static c => BuildScopes(c));
    }

    private static ScopeChain BuildScopes(SyntaxNode container)
    {
        var levels = new List<ScopeLevel>();
        // Full names of the enclosing types and namespaces, computed outside-in first.
        var chain = new List<SyntaxNode>();
        for (var node = container; node is not null; node = node.Parent)
            if (node is TypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax) chain.Add(node);
        chain.Reverse();

        var prefix = "";
        var built = new List<ScopeLevel>();
        foreach (var node in chain)
        {
            switch (node)
            {
                case CompilationUnitSyntax unit:
                    built.Add(new ScopeLevel(null, false, Usings(unit.Usings, out var unitAliases), unitAliases));
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    var name = ToWrittenName(ns.Name);
                    if (name is null) break;
                    // namespace A.B declares the levels A and A.B; only the innermost has the directives.
                    for (int i = 0; i < name.Segments.Count; i++)
                    {
                        prefix = prefix.Length == 0 ? name.Segments[i] : prefix + "." + name.Segments[i];
                        if (i < name.Segments.Count - 1) built.Add(new ScopeLevel(prefix, false, EquatableArray<string>.Empty, EquatableArray<UsingAlias>.Empty));
                    }
                    built.Add(new ScopeLevel(prefix, false, Usings(ns.Usings, out var nsAliases), nsAliases));
                    break;
                case TypeDeclarationSyntax type:
                    prefix = prefix.Length == 0 ? type.Identifier.ValueText : prefix + "." + type.Identifier.ValueText;
                    built.Add(new ScopeLevel(prefix, true, EquatableArray<string>.Empty, EquatableArray<UsingAlias>.Empty));
                    break;
            }
        }
        built.Reverse();
        levels.AddRange(built);
        return new ScopeChain(new EquatableArray<ScopeLevel>(levels.ToArray()));
    }

    private static EquatableArray<string> Usings(SyntaxList<UsingDirectiveSyntax> directives, out EquatableArray<UsingAlias> aliases)
    {
        List<string>? imports = null;
        List<UsingAlias>? declared = null;
        foreach (var directive in directives)
        {
            // Global usings apply to every file; they are collected on their own.
            if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) || directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword)) continue;
            if (directive.Alias is { } alias)
                (declared ??= new List<UsingAlias>()).Add(new UsingAlias(alias.Name.Identifier.ValueText, ToWrittenName(directive.Name)));
            else if (ToWrittenName(directive.Name) is { } name)
                (imports ??= new List<string>()).Add(name.ToDotted());
        }
        aliases = EquatableArray.From(declared);
        return EquatableArray.From(imports);
    }

    // ---- attributes

    private static AttributeSyntaxRecord? ReadAttribute(AttributeSyntax attribute, ref bool needsSemantic, out string? simpleName)
    {
        // The name: Service, ServiceAttribute, EzHomelab.Service, global::EzHomelab.Service, Alias.Service, DependsOn<X>.
        string? qualifier = null;
        SimpleNameSyntax? last;
        switch (attribute.Name)
        {
            case SimpleNameSyntax simple:
                last = simple;
                break;
            case QualifiedNameSyntax { Left: IdentifierNameSyntax left, Right: var right }:
                last = right;
                qualifier = left.Identifier.ValueText;
                break;
            case QualifiedNameSyntax { Left: AliasQualifiedNameSyntax { Alias.Identifier.RawKind: (int)SyntaxKind.GlobalKeyword, Name: IdentifierNameSyntax { Identifier.ValueText: "EzHomelab" } }, Right: var right }:
                last = right;
                qualifier = "EzHomelab";
                break;
            case AliasQualifiedNameSyntax { Name: var aliasedName } aliased:
                // global::ServiceAttribute is never ours; Alias::Service might be.
                simpleName = aliasedName.Identifier.ValueText;
                if (!aliased.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword) && AttributeShape.IsOurName(simpleName)) needsSemantic = true;
                return null;
            default:
                simpleName = null;
                needsSemantic = true;
                return null;
        }

        simpleName = last.Identifier.ValueText;
        // A verbatim @Name turns off the Attribute-suffix lookup: rare enough to leave to the compiler.
        if (last.Identifier.Text.Length > 0 && last.Identifier.Text[0] == '@' && AttributeShape.IsOurName(simpleName)) { needsSemantic = true; return null; }
        if (!AttributeShape.IsOurName(simpleName)) return null;
        int arity = last is GenericNameSyntax g ? g.TypeArgumentList.Arguments.Count : 0;
        var shape = AttributeShape.Find(simpleName, arity);
        if (shape is null) { needsSemantic = true; return null; }

        var tree = attribute.SyntaxTree;
        WrittenName? target = null;
        List<ArgumentSite>? sites = null;
        bool usesSimpleEnum = false;
        bool ok = true;

        if (last is GenericNameSyntax generic)
        {
            var typeArgument = generic.TypeArgumentList.Arguments[0];
            target = ToWrittenName(typeArgument);
            ok &= target is not null;
        }

        var positional = new List<ArgumentValue>(2);
        var positionalExpressions = new List<ExpressionSyntax>(2);
        var named = new List<NamedArgument>(2);
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        bool seenNamed = false;
        int position = 0;
        foreach (var argument in arguments)
        {
            if (argument.NameColon is not null) { ok = false; break; }
            string siteName;
            if (argument.NameEquals is { } nameEquals)
            {
                seenNamed = true;
                siteName = nameEquals.Name.Identifier.ValueText;
                if (!shape.TryGetProperty(siteName, out var propertyType) || ContainsName(named, siteName)) { ok = false; break; }
                var value = Evaluate(argument.Expression, propertyType, ref usesSimpleEnum);
                if (value is null) { ok = false; break; }
                named.Add(new NamedArgument(siteName, value));
            }
            else
            {
                int parameterCount = shape.Parameters.Length;
                if (seenNamed || parameterCount == 0 || (position >= parameterCount && !shape.LastIsParams)) { ok = false; break; }
                siteName = shape.Parameters[position < parameterCount ? position : parameterCount - 1].Name;
                positionalExpressions.Add(argument.Expression);
                position++;
            }
            if (!ContainsSite(sites, siteName))
                (sites ??= new List<ArgumentSite>(arguments.Count + 1)).Add(new ArgumentSite(siteName, LocationInfo.From(tree, argument.Span)));
        }

        for (int i = 0; ok && i < shape.Parameters.Length; i++)
        {
            var parameterType = shape.Parameters[i].Type;
            if (shape.LastIsParams && i == shape.Parameters.Length - 1)
            {
                ok = ReadParams(positionalExpressions, i, positional);
                break;
            }
            if (i >= positionalExpressions.Count) { ok = false; break; }
            var expression = positionalExpressions[i];
            if (parameterType == ParameterType.Type)
            {
                if (expression is not TypeOfExpressionSyntax typeOf || ToWrittenName(typeOf.Type) is not { } written) { ok = false; break; }
                target = written;
                positional.Add(ArgumentValue.OfType(null));
                continue;
            }
            var value = Evaluate(expression, parameterType, ref usesSimpleEnum);
            if (value is null) { ok = false; break; }
            positional.Add(value);
        }
        if (!ok || positional.Count != shape.Parameters.Length)
        {
            needsSemantic = true;
            return null;
        }

        if (last is GenericNameSyntax genericName)
            (sites ??= new List<ArgumentSite>(1)).Add(new ArgumentSite(AttributeReader.GenericArgument, LocationInfo.From(tree, genericName.TypeArgumentList.Arguments[0].Span)));

        var values = new AttributeValues(
            shape.Kind,
            true,
            new EquatableArray<ArgumentValue>(positional.ToArray()),
            EquatableArray.From(named),
            null,
            new AttributeSites(LocationInfo.From(tree, attribute.Span), EquatableArray.From(sites)));
        return new AttributeSyntaxRecord(values, qualifier, simpleName, usesSimpleEnum, target);
    }

    /// <summary>
    /// A <c>params string[]</c> parameter from position <paramref name="from"/> on: nothing is an empty array; one array
    /// (or null) is passed as is; otherwise every argument is one element (a null element becomes an empty string,
    /// as the semantic path reads it).
    /// </summary>
    private static bool ReadParams(List<ExpressionSyntax> expressions, int from, List<ArgumentValue> positional)
    {
        int count = expressions.Count - from;
        bool ignored = false;
        if (count <= 0)
        {
            positional.Add(ArgumentValue.Strings(EquatableArray<string>.Empty));
            return true;
        }
        if (count == 1 && Evaluate(expressions[from], ParameterType.StringArray, ref ignored) is { } array)
        {
            positional.Add(array);
            return true;
        }
        var items = new string[count];
        for (int i = 0; i < count; i++)
        {
            if (Evaluate(expressions[from + i], ParameterType.String, ref ignored) is not { } item) return false;
            items[i] = item.Text ?? "";
        }
        positional.Add(ArgumentValue.Strings(new EquatableArray<string>(items)));
        return true;
    }

    private static bool ContainsName(List<NamedArgument> named, string name)
    {
        foreach (var argument in named)
            if (argument.Name == name) return true;
        return false;
    }

    private static bool ContainsSite(List<ArgumentSite>? sites, string name)
    {
        if (sites is null) return false;
        foreach (var site in sites)
            if (site.Name == name) return true;
        return false;
    }

    // ---- literal evaluation

    /// <summary>The constant <paramref name="expression"/> converted to <paramref name="type"/>, or null when that takes the compiler.</summary>
    private static ArgumentValue? Evaluate(ExpressionSyntax expression, ParameterType type, ref bool usesSimpleEnum)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        if (expression.IsKind(SyntaxKind.NullLiteralExpression))
            return type is ParameterType.String or ParameterType.StringArray ? ArgumentValue.Null : null;

        switch (type)
        {
            case ParameterType.String:
                return EvaluateString(expression) is { } text ? ArgumentValue.String(text) : null;
            case ParameterType.Int:
                return EvaluateInt(expression) is { } number ? ArgumentValue.Int(number) : null;
            case ParameterType.Bool:
                if (expression.IsKind(SyntaxKind.TrueLiteralExpression)) return ArgumentValue.True;
                if (expression.IsKind(SyntaxKind.FalseLiteralExpression)) return ArgumentValue.False;
                return null;
            case ParameterType.StringArray:
                return EvaluateStringArray(expression);
            case ParameterType.Access:
            case ParameterType.Restart:
            case ParameterType.Condition:
            case ParameterType.Protocol:
            case ParameterType.SecretForm:
            case ParameterType.SecretSupply:
                return EvaluateEnum(expression, type, ref usesSimpleEnum);
            default:
                return null;
        }
    }

    private static string? EvaluateString(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            return literal.Token.Value as string;
        if (expression is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression)
            && EvaluateString(binary.Left) is { } left && EvaluateString(binary.Right) is { } right)
            return left + right;
        return null;
    }

    private static int? EvaluateInt(ExpressionSyntax expression)
    {
        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression))
            return literal.Token.Value is int value ? value : null;
        if (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus)
        {
            var operand = minus.Operand;
            while (operand is ParenthesizedExpressionSyntax parenthesized) operand = parenthesized.Expression;
            if (operand is LiteralExpressionSyntax number && number.IsKind(SyntaxKind.NumericLiteralExpression))
            {
                if (number.Token.Value is int positive) return -positive;
                // -2147483648 is the one int literal whose digits alone do not fit an int.
                if (number.Token.Value is uint big && big == 2147483648u && !number.Token.Text.Contains("u") && !number.Token.Text.Contains("U")) return int.MinValue;
            }
        }
        return null;
    }

    private static ArgumentValue? EvaluateStringArray(ExpressionSyntax expression)
    {
        SeparatedSyntaxList<ExpressionSyntax> elements;
        switch (expression)
        {
            case ImplicitArrayCreationExpressionSyntax implicitArray when implicitArray.Commas.Count == 0:
                elements = implicitArray.Initializer.Expressions;
                // new[] { null } has no best type; it needs at least one string.
                bool anyString = false;
                foreach (var element in elements) anyString |= EvaluateString(element) is not null;
                if (!anyString) return null;
                break;
            case ArrayCreationExpressionSyntax { Type: { RankSpecifiers.Count: 1 } arrayType } array
                when arrayType.ElementType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword }:
                if (array.Initializer is { } initializer)
                {
                    elements = initializer.Expressions;
                    break;
                }
                // new string[0]
                var sizes = arrayType.RankSpecifiers[0].Sizes;
                return sizes.Count == 1 && EvaluateInt(sizes[0]) == 0 ? ArgumentValue.Strings(EquatableArray<string>.Empty) : null;
            case CollectionExpressionSyntax collection:
                var items = new string[collection.Elements.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    if (collection.Elements[i] is not ExpressionElementSyntax { Expression: var item }) return null;
                    if (IsNull(item)) items[i] = "";
                    else if (EvaluateString(item) is { } text) items[i] = text;
                    else return null;
                }
                return ArgumentValue.Strings(new EquatableArray<string>(items));
            default:
                return null;
        }

        var result = new string[elements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (IsNull(elements[i])) result[i] = "";
            else if (EvaluateString(elements[i]) is { } text) result[i] = text;
            else return null;
        }
        return ArgumentValue.Strings(new EquatableArray<string>(result));
    }

    private static bool IsNull(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression.IsKind(SyntaxKind.NullLiteralExpression);
    }

    /// <summary><c>Access.Bypass</c>, <c>EzHomelab.Access.Bypass</c> or <c>global::EzHomelab.Access.Bypass</c>.</summary>
    private static ArgumentValue? EvaluateEnum(ExpressionSyntax expression, ParameterType type, ref bool usesSimpleEnum)
    {
        if (expression is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax member } access) return null;
        var enumName = ExpressionToWrittenName(access.Expression);
        if (enumName is null) return null;
        var segments = enumName.Segments;
        bool simple = !enumName.IsGlobal && segments.Count == 1;
        bool qualified = segments.Count == 2 && segments[0] == "EzHomelab";
        if (!simple && !qualified) return null;
        if (!AttributeShape.TryGetEnumMember(type, segments[segments.Count - 1], member.Identifier.ValueText, out int value)) return null;
        usesSimpleEnum |= simple;
        return ArgumentValue.Int(value);
    }
}

internal static class WrittenNameExtensions
{
    public static string ToDotted(this WrittenName name) => string.Join(".", name.Segments);
}
