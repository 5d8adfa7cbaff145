using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Model;
using EzHomelab.Rules;

namespace EzHomelab.Generators.Syntax;

/// <summary>
/// What one class needs to know about the others: how a written name resolves (C# lookup rules approximated from
/// syntax: enclosing types and namespaces outward, then usings and aliases, global ones included), the facts a
/// <c>typeof(X)</c> reference needs, and the resolved attributes of every class that is some class's base.
/// Equality covers only those facts, so an edit that changes a leaf service's arguments leaves the index equal and
/// every other service's step cached.
/// </summary>
internal sealed class ClassIndex : IEquatable<ClassIndex>
{
    private const int MaxBaseDepth = 64;

    private readonly Dictionary<string, ClassFacts> _byName;
    private readonly HashSet<string> _namespaces;
    private readonly HashSet<string> _simpleNames;

    private ClassIndex(EquatableArray<ClassFacts> classes, EquatableArray<GlobalUsingRecord> globalUsings, Dictionary<string, ClassFacts> byName, HashSet<string> namespaces, HashSet<string> simpleNames)
    {
        Classes = classes;
        GlobalUsings = globalUsings;
        _byName = byName;
        _namespaces = namespaces;
        _simpleNames = simpleNames;
    }

    /// <summary>One entry per class name, in name order.</summary>
    public EquatableArray<ClassFacts> Classes { get; }

    public EquatableArray<GlobalUsingRecord> GlobalUsings { get; }

    public bool TryGet(string fullName, out ClassFacts facts) => _byName.TryGetValue(fullName, out facts!);

    /// <param name="referenced">The public classes of referenced assemblies that use EzHomelab (<see cref="ReferencedClasses"/>).</param>
    public static ClassIndex Build(ImmutableArray<ClassSyntaxRecord> records, ImmutableArray<GlobalUsingRecord> globalUsings, EquatableArray<ReferencedAssembly> referenced, CancellationToken cancellationToken)
    {
        var declarations = new Dictionary<string, List<ClassSyntaxRecord>>(records.Length, StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        var simpleNames = new HashSet<string>(StringComparer.Ordinal);
        var referencedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in referenced)
        {
            foreach (var name in assembly.TypeNames)
            {
                referencedNames.Add(name);
                simpleNames.Add(name.Substring(name.LastIndexOf('.') + 1));
            }
            foreach (var ns in assembly.Namespaces) namespaces.Add(ns);
        }
        foreach (var record in records)
        {
            if (!declarations.TryGetValue(record.FullName, out var list))
            {
                list = new List<ClassSyntaxRecord>(1);
                declarations.Add(record.FullName, list);
            }
            list.Add(record);
            simpleNames.Add(record.Name);
            if (record.Namespace is { } ns && namespaces.Add(ns))
                for (int dot = ns.LastIndexOf('.'); dot > 0; dot = ns.LastIndexOf('.', dot - 1))
                    namespaces.Add(ns.Substring(0, dot));
        }

        var sortedUsings = new List<GlobalUsingRecord>(globalUsings);
        sortedUsings.Sort(static (a, b) => string.CompareOrdinal(a.Namespace ?? a.Alias?.Name, b.Namespace ?? b.Alias?.Name));
        var resolver = new Resolver(declarations, referencedNames, namespaces, simpleNames, EquatableArray.From(sortedUsings));

        // Referenced classes are complete already; a class in source of the same name wins, as it does for the compiler.
        var byName = new Dictionary<string, ClassFacts>(declarations.Count, StringComparer.Ordinal);
        foreach (var assembly in referenced)
            foreach (var facts in assembly.Classes)
                if (!declarations.ContainsKey(facts.FullName) && !byName.ContainsKey(facts.FullName)) byName.Add(facts.FullName, facts);

        // Bases first, so each class's facts can build on its base's.
        foreach (var name in new List<string>(declarations.Keys))
        {
            cancellationToken.ThrowIfCancellationRequested();
            FactsOf(name, declarations, resolver, byName, 0);
        }

        var usedAsBase = new HashSet<string>(StringComparer.Ordinal);
        foreach (var facts in byName.Values)
            if (facts.BaseFullName is { } baseName) usedAsBase.Add(baseName);

        // The resolved attributes of every base class: derived services merge them, so they belong to the index.
        var classes = new List<ClassFacts>(byName.Count);
        // (Over a copy of the keys: the .NET Framework dictionary forbids writes while enumerating.)
        foreach (var name in new List<string>(usedAsBase))
        {
            if (!byName.TryGetValue(name, out var facts) || facts.NeedsSemanticModel || facts.FromMetadata) continue;
            var attributes = resolver.ResolveAttributes(declarations[name][0], ByNameLookup(byName), out bool unresolved);
            byName[name] = facts with { Attributes = attributes, NeedsSemanticModel = unresolved };
        }
        classes.AddRange(byName.Values);
        // A base whose own attributes need the compiler makes its derived classes need it too.
        foreach (var facts in classes.ToArray())
        {
            if (facts.NeedsSemanticModel || facts.BaseFullName is null) continue;
            if (ChainNeedsSemantic(facts.BaseFullName, byName))
                byName[facts.FullName] = facts with { NeedsSemanticModel = true };
        }
        // "May inherit a marker" must not depend on the order classes were visited in: in a base cycle (a compiler
        // error) a class saw its base as a placeholder. Propagate it to a fixpoint (one round without cycles).
        for (int round = 0, changed = 1; changed > 0 && round < MaxBaseDepth; round++)
        {
            changed = 0;
            foreach (var facts in new List<ClassFacts>(byName.Values))
            {
                if (facts.ChainMaybeMarked || facts.BaseFullName is null || !byName.TryGetValue(facts.BaseFullName, out var baseFacts) || !baseFacts.ChainMaybeMarked) continue;
                byName[facts.FullName] = facts with { ChainMaybeMarked = true };
                changed++;
            }
        }
        classes.Clear();
        classes.AddRange(byName.Values);
        classes.Sort(static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));

        var index = new ClassIndex(EquatableArray.From(classes), EquatableArray.From(sortedUsings), byName, namespaces, simpleNames);
        resolver.Index = index;
        index._resolver = resolver;
        return index;
    }

    private Resolver? _resolver;

    /// <summary>Resolves the attributes of <paramref name="record"/> in its own scopes, with every referenced type resolved.</summary>
    public EquatableArray<AttributeValues> ResolveAttributes(ClassSyntaxRecord record, out bool needsSemanticModel) =>
        _resolver!.ResolveAttributes(record, ByNameLookup(_byName), out needsSemanticModel);

    private static Func<string, ClassFacts?> ByNameLookup(Dictionary<string, ClassFacts> byName) =>
        name => byName.TryGetValue(name, out var facts) ? facts : null;

    /// <summary>An attribute of the class is named like an alias in scope, which might stand for one of ours.</summary>
    public bool MightAliasOurs(ClassSyntaxRecord record) => _resolver!.HasAliasedAttribute(record);

    /// <summary>Resolves <paramref name="name"/> as written in <paramref name="record"/> to a source class's full name, or null.</summary>
    public string? ResolveType(WrittenName name, ClassSyntaxRecord record) => _resolver!.ResolveType(name, record.Scopes);

    private static bool ChainNeedsSemantic(string name, Dictionary<string, ClassFacts> byName)
    {
        for (int depth = 0; depth < MaxBaseDepth; depth++)
        {
            if (!byName.TryGetValue(name, out var facts) || facts.NeedsSemanticModel) return true;
            if (facts.BaseFullName is null) return false;
            name = facts.BaseFullName;
        }
        return true;
    }

    private static ClassFacts FactsOf(string name, Dictionary<string, List<ClassSyntaxRecord>> declarations, Resolver resolver, Dictionary<string, ClassFacts> done, int depth)
    {
        if (done.TryGetValue(name, out var existing)) return existing;
        var list = declarations[name];
        var record = list[0];
        // A placeholder breaks base cycles (a compiler error): the cycle's classes go to the semantic path.
        done[name] = ClassFacts.Placeholder(name);

        bool needsSemantic = list.Count > 1 || record.NeedsSemanticModel || record.Arity > 0 || depth > MaxBaseDepth;
        string? baseName = null;
        ClassFacts? baseFacts = null;
        // A base cycle (a compiler error) leaves the base unknown here, while the compiler may still bind it to a
        // marked class: such a class may inherit a marker.
        bool inCycle = false;
        if (record.BaseType is { } written)
        {
            baseName = resolver.ResolveType(written, record.Scopes);
            inCycle = baseName is not null && done.TryGetValue(baseName, out var inProgress) && inProgress.IsPlaceholder;
            if (baseName is null || inCycle) needsSemantic = true;
            else baseFacts = FactsOf(baseName, declarations, resolver, done, depth + 1);
        }
        if (baseFacts is { NeedsSemanticModel: true }) needsSemantic = true;

        // What a typeof(X) needs of X: is it (or a base) marked, and its service name (the first [Service(Name)] from X down to its bases).
        bool markedService = false, markedStack = false;
        string? serviceName = null;
        foreach (var attribute in record.Attributes)
        {
            if (!resolver.IsOurs(attribute, record, out bool unsure)) continue;
            needsSemantic |= unsure;
            switch (attribute.Values.Kind)
            {
                case AttributeKind.Service:
                    markedService = true;
                    if (serviceName is null)
                        foreach (var named in attribute.Values.Named)
                            if (named.Name == "Name" && named.Value.TryGetString(out var text) && text is not null) { serviceName = text; break; }
                    break;
                case AttributeKind.Stack:
                    markedStack = true;
                    break;
            }
        }
        needsSemantic |= resolver.HasAliasedAttribute(record);
        bool chainMarked = markedService || markedStack || baseFacts is { ChainMarked: true };
        // A marker the reader could not read (its arguments need the compiler) still makes derived classes candidates.
        bool chainMaybeMarked = chainMarked || record.MarkerSpelled || inCycle || baseFacts is { ChainMaybeMarked: true };
        serviceName ??= baseFacts?.ChainServiceName;

        var displayName = record.FullName;
        var reference = new TypeRef(FullyQualified(record), displayName, chainMarked, serviceName ?? Naming.ToKebabCase(record.Name));
        var facts = new ClassFacts(name, baseName, record.IsAbstract, record.DeclaresDefinition, markedService || markedStack, chainMarked, serviceName, reference,
            needsSemantic, default, IsPlaceholder: false, AttributesTrimmed: record.AttributesTrimmed, ChainMaybeMarked: chainMaybeMarked);
        done[name] = facts;
        return facts;
    }

    internal static string FullyQualified(ClassSyntaxRecord record)
    {
        var text = new System.Text.StringBuilder("global::");
        if (record.Namespace is { } ns)
        {
            foreach (var part in ns.Split('.')) text.Append(TypeShapeReader.Escape(part)).Append('.');
        }
        foreach (var type in record.ContainingTypes) text.Append(TypeShapeReader.Escape(type.Name)).Append('.');
        return text.Append(TypeShapeReader.Escape(record.Name)).ToString();
    }

    public bool Equals(ClassIndex? other) =>
        other is not null && (ReferenceEquals(this, other) || Classes.Equals(other.Classes) && GlobalUsings.Equals(other.GlobalUsings));

    public override bool Equals(object? obj) => Equals(obj as ClassIndex);

    public override int GetHashCode() => Classes.GetHashCode();

    private sealed class ReferenceComparer : IEqualityComparer<ScopeChain>
    {
        public static readonly ReferenceComparer Instance = new();
        public bool Equals(ScopeChain? x, ScopeChain? y) => ReferenceEquals(x, y);
        public int GetHashCode(ScopeChain obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary>Name lookup over the source classes.</summary>
    private sealed class Resolver
    {
        private readonly Dictionary<string, List<ClassSyntaxRecord>> _declarations;
        private readonly HashSet<string> _referencedNames;
        private readonly HashSet<string> _namespaces;
        private readonly HashSet<string> _simpleNames;
        private readonly EquatableArray<GlobalUsingRecord> _globalUsings;

        public Resolver(Dictionary<string, List<ClassSyntaxRecord>> declarations, HashSet<string> referencedNames, HashSet<string> namespaces, HashSet<string> simpleNames, EquatableArray<GlobalUsingRecord> globalUsings)
        {
            _declarations = declarations;
            _referencedNames = referencedNames;
            _namespaces = namespaces;
            _simpleNames = simpleNames;
            _globalUsings = globalUsings;
        }

        public ClassIndex? Index { get; set; }

        private bool IsClass(string name) => _declarations.ContainsKey(name) || _referencedNames.Contains(name);

        public string? ResolveType(WrittenName name, ScopeChain scopes)
        {
            var segments = name.Segments;
            string? start;
            if (name.IsGlobal) start = segments[0];
            else start = ResolveFirst(segments[0], segments.Count > 1, scopes);
            if (start is null) return null;
            var full = start;
            for (int i = 1; i < segments.Count; i++) full += "." + segments[i];
            return IsClass(full) ? full : null;
        }

        /// <summary>The full name the first segment of a written name stands for (a class, or a namespace when more segments follow).</summary>
        private string? ResolveFirst(string first, bool qualified, ScopeChain scopes)
        {
            foreach (var level in scopes.Levels)
            {
                var candidate = level.Container is null ? first : level.Container + "." + first;
                if (IsClass(candidate)) return candidate;
                if (level.IsType) continue;
                if (qualified && _namespaces.Contains(candidate)) return candidate;

                bool fileLevel = level.Container is null;
                if (FindAlias(first, level, fileLevel) is { } alias)
                    return alias.Target?.ToDotted(); // alias targets are taken as fully qualified

                string? found = null;
                foreach (var import in Imports(level, fileLevel))
                {
                    var imported = import + "." + first;
                    if (!IsClass(imported)) continue;
                    if (found is not null && found != imported) return null; // ambiguous: the compiler decides
                    found = imported;
                }
                if (found is not null) return found;
            }
            return null;
        }

        private UsingAlias? FindAlias(string name, ScopeLevel level, bool fileLevel)
        {
            foreach (var alias in level.Aliases)
                if (alias.Name == name) return alias;
            if (fileLevel)
                foreach (var global in _globalUsings)
                    if (global.Alias is { } alias && alias.Name == name) return alias;
            return null;
        }

        private IEnumerable<string> Imports(ScopeLevel level, bool fileLevel)
        {
            foreach (var import in level.Usings) yield return import;
            if (!fileLevel) yield break;
            foreach (var global in _globalUsings)
                if (global.Namespace is { } ns) yield return ns;
        }

        // Scope chains are shared by the classes of one container, so their facts are worked out once per chain.
        private readonly Dictionary<ScopeChain, (bool EzHomelabInScope, bool HasAliases)> _scopeFacts = new(ReferenceComparer.Instance);

        private (bool EzHomelabInScope, bool HasAliases) ScopeFactsOf(ScopeChain scopes)
        {
            // A cached index may serve two driver runs at once (an IDE does that), hence the lock.
            lock (_scopeFacts)
            {
                if (_scopeFacts.TryGetValue(scopes, out var facts)) return facts;
                bool hasAliases = false;
                foreach (var global in _globalUsings) hasAliases |= global.Alias is not null;
                foreach (var level in scopes.Levels) hasAliases |= level.Aliases.Count > 0;
                facts = (EzHomelabInScope(scopes), hasAliases);
                _scopeFacts.Add(scopes, facts);
                return facts;
            }
        }

        /// <summary>Whether EzHomelab's types are visible by simple name where the record is declared.</summary>
        private bool EzHomelabInScope(ClassSyntaxRecord record) => ScopeFactsOf(record.Scopes).EzHomelabInScope;

        private bool EzHomelabInScope(ScopeChain scopes)
        {
            foreach (var level in scopes.Levels)
            {
                if (level.Container is { } container && !level.IsType && (container == "EzHomelab" || container.StartsWith("EzHomelab.", StringComparison.Ordinal))) return true;
                foreach (var import in Imports(level, level.Container is null))
                    if (import == "EzHomelab") return true;
            }
            return false;
        }

        /// <summary>
        /// Whether an attribute spelled like ours is ours. <paramref name="unsure"/>: the spelling could also mean a
        /// class of the user's (same simple name in source), so only the compiler can tell.
        /// </summary>
        public bool IsOurs(AttributeSyntaxRecord attribute, ClassSyntaxRecord record, out bool unsure)
        {
            unsure = false;
            if (attribute.Qualifier is null)
            {
                string bare = attribute.SimpleName.EndsWith("Attribute", StringComparison.Ordinal) ? attribute.SimpleName.Substring(0, attribute.SimpleName.Length - 9) : attribute.SimpleName;
                if (_simpleNames.Contains(bare) || _simpleNames.Contains(bare + "Attribute") || AnyAlias(record, attribute.SimpleName)) unsure = true;
                return EzHomelabInScope(record);
            }
            if (attribute.Qualifier == "EzHomelab") return true;
            foreach (var level in record.Scopes.Levels)
            {
                if (level.IsType) continue;
                if (FindAlias(attribute.Qualifier, level, level.Container is null) is { } alias)
                    return alias.Target is { IsGlobal: var _, Segments: { Count: 1 } segments } && segments[0] == "EzHomelab";
            }
            return false;
        }

        private bool AnyAlias(ClassSyntaxRecord record, string name)
        {
            if (!ScopeFactsOf(record.Scopes).HasAliases) return false;
            foreach (var level in record.Scopes.Levels)
                if (FindAlias(name, level, level.Container is null) is not null || FindAlias(name + "Attribute", level, level.Container is null) is not null) return true;
            return false;
        }

        /// <summary>An attribute of another name that is an alias in scope: it might alias one of ours.</summary>
        public bool HasAliasedAttribute(ClassSyntaxRecord record)
        {
            foreach (var name in record.OtherAttributeNames)
                if (AnyAlias(record, name)) return true;
            return false;
        }

        /// <summary>
        /// The record's own attributes that are ours, with <c>typeof(X)</c>/<c>&lt;X&gt;</c> resolved to X's facts.
        /// <paramref name="needsSemanticModel"/>: something only the compiler can settle.
        /// </summary>
        public EquatableArray<AttributeValues> ResolveAttributes(ClassSyntaxRecord record, Func<string, ClassFacts?> lookup, out bool needsSemanticModel)
        {
            needsSemanticModel = record.NeedsSemanticModel || HasAliasedAttribute(record);
            var result = new List<AttributeValues>(record.Attributes.Count);
            bool ezInScope = EzHomelabInScope(record);
            foreach (var attribute in record.Attributes)
            {
                if (!IsOurs(attribute, record, out bool unsure)) continue;
                if (unsure || attribute.UsesSimpleEnumNames && !ezInScope) needsSemanticModel = true;
                var values = attribute.Values;
                if (attribute.Target is { } target)
                {
                    var resolved = ResolveType(target, record.Scopes) is { } name ? lookup(name) : null;
                    if (resolved is null || resolved.NeedsSemanticModel || resolved.IsPlaceholder)
                    {
                        needsSemanticModel = true;
                        continue;
                    }
                    values = values.Kind is AttributeKind.DependsOnGeneric or AttributeKind.EgressGeneric
                        ? values with { TypeArgument = resolved.Reference }
                        : values with { Constructor = WithType(values.Constructor, resolved.Reference) };
                }
                result.Add(values);
            }
            return EquatableArray.From(result);
        }

        private static EquatableArray<ArgumentValue> WithType(EquatableArray<ArgumentValue> constructor, TypeRef type)
        {
            var items = new ArgumentValue[constructor.Count];
            for (int i = 0; i < items.Length; i++) items[i] = constructor[i];
            items[0] = ArgumentValue.OfType(type);
            return new EquatableArray<ArgumentValue>(items);
        }
    }
}

/// <summary>What the index knows of one class.</summary>
/// <param name="BaseFullName">The resolved base class; null when there is none (or it did not resolve: then <see cref="NeedsSemanticModel"/>).</param>
/// <param name="DirectlyMarked">Carries <c>[Service]</c> or <c>[Stack]</c> itself.</param>
/// <param name="ChainMarked">It or a base carries a marker.</param>
/// <param name="ChainServiceName">The first <c>[Service(Name)]</c> from this class down its bases.</param>
/// <param name="Reference">What a <c>typeof</c> of this class reads as.</param>
/// <param name="Attributes">Resolved attributes; filled only for classes that are some class's base (and every referenced class).</param>
/// <param name="ChainMaybeMarked">It or a base carries, or may carry, a marker (spelled like one, but only the compiler can read it).</param>
/// <param name="FromMetadata">A class of a referenced assembly (<see cref="ReferencedClasses"/>): its attributes carry no locations.</param>
/// <param name="HasTemplate">A referenced class with a <c>Template</c> this generator's version emitted (<see cref="ServiceTemplates"/>).</param>
internal sealed record ClassFacts(
    string FullName,
    string? BaseFullName,
    bool IsAbstract,
    bool DeclaresDefinition,
    bool DirectlyMarked,
    bool ChainMarked,
    string? ChainServiceName,
    TypeRef Reference,
    bool NeedsSemanticModel,
    EquatableArray<AttributeValues> Attributes,
    bool IsPlaceholder,
    bool AttributesTrimmed,
    bool FromMetadata = false,
    bool ChainMaybeMarked = false,
    bool HasTemplate = false)
{
    public static ClassFacts Placeholder(string name) =>
        new(name, null, false, false, false, false, null, new TypeRef(name, name, false, name), true, default, true, false);
}
