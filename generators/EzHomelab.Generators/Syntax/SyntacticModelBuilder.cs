using System.Collections.Generic;
using System.Threading;
using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Model;
using EzHomelab.Generators.Validation;
using Microsoft.CodeAnalysis.Text;

namespace EzHomelab.Generators.Syntax;

/// <summary>A class the syntactic path leaves to the compiler: where its declaration's name is.</summary>
internal sealed record SemanticTarget(string FilePath, TextSpan Span);

/// <summary>
/// What one class became: a service (with the diagnostics of its own rules and its reduced model for the rules
/// across services) and/or a lab, or a request for the semantic path; <see cref="None"/> for any other class.
/// </summary>
/// <param name="Template">An abstract service class's model, for its generated <c>Template</c> only (no rules run on it: its services report).</param>
internal sealed record ClassOutcome(
    ServiceModel? Service,
    EquatableArray<DiagnosticInfo> ServiceDiagnostics,
    CrossCheckModel? CrossCheckModel,
    LabModel? Lab,
    SemanticTarget? Fallback,
    ServiceModel? Template = null)
{
    public static readonly ClassOutcome None = new(null, EquatableArray<DiagnosticInfo>.Empty, null, null, null);

    public static ClassOutcome ToCompiler(ClassSyntaxRecord record) =>
        new(null, EquatableArray<DiagnosticInfo>.Empty, null, null, new SemanticTarget(record.Identifier.FilePath, record.Identifier.Span));
}

/// <summary>
/// Builds the models of one class from its syntax record and the index, with the same builders as the semantic
/// path (<see cref="ServiceBuilder"/>, <see cref="LabExtractor.Build"/>), so both paths give equal models.
/// </summary>
internal static class SyntacticModelBuilder
{
    private const int MaxBaseDepth = 64;

    public static ClassOutcome Build(ClassSyntaxRecord record, ClassIndex index, bool forceSemantic, CancellationToken cancellationToken)
    {
        if (!record.HasCandidateMarker) return ClassOutcome.None;
        if (forceSemantic || !index.TryGet(record.FullName, out var facts)) return ClassOutcome.ToCompiler(record);
        var own = index.ResolveAttributes(record, out bool needsSemantic);
        bool isService = false, isLab = false;
        foreach (var attribute in own)
        {
            isService |= attribute.Kind is AttributeKind.Service or AttributeKind.Stack;
            isLab |= attribute.Kind == AttributeKind.Homelab;
        }
        // Only a class that is, or might be, marked is worth the compiler's time: a base of ours that carries a marker
        // counts (the class may inherit it); a base nobody knows is no class of ours (the index holds every class of
        // this compilation and every public class of the referenced assemblies that use EzHomelab).
        ClassFacts? baseFacts = facts.BaseFullName is { } baseFullName && index.TryGet(baseFullName, out var found) ? found : null;
        bool markedBase = baseFacts is { ChainMarked: true };
        if (needsSemantic || facts.NeedsSemanticModel)
            return isService || isLab || record.MarkerSpelled || baseFacts is { ChainMaybeMarked: true } || index.MightAliasOurs(record) ? ClassOutcome.ToCompiler(record) : ClassOutcome.None;
        if (!isService && markedBase && !record.IsAbstract) isService = InheritsTemplateMarker(facts, index);
        // An abstract class marked itself that can take generated members is a template (ServiceTemplates).
        bool isTemplate = record.IsAbstract && record.IsPartial && isService && !record.DeclaresTemplate;
        if (!isLab && !isTemplate && (!isService || record.IsAbstract)) return ClassOutcome.None;

        // The base chain, the class itself at level 0.
        var chain = new List<ClassFacts>(4) { facts };
        for (var current = facts; current.BaseFullName is { } baseName && chain.Count < MaxBaseDepth;)
        {
            // A concrete service used as a base keeps only its markers in the index: the compiler reads such chains.
            if (!index.TryGet(baseName, out current) || current.AttributesTrimmed) return ClassOutcome.ToCompiler(record);
            chain.Add(current);
        }

        ServiceModel? service = null, template = null;
        if (isService && !record.IsAbstract)
        {
            var builder = new ServiceBuilder(record.Identifier);
            bool hidesBaseDefinition = ApplyChain(builder, record, own, chain, chain.Count - 1, lowestLevel: 1, cancellationToken);
            // The bases applied and the class not yet: what the direct base's template holds (ServiceTemplates).
            TemplateModel? baseTemplate = chain.Count > 1 && chain[1] is { FromMetadata: true, HasTemplate: true } templateBase
                ? new TemplateModel(templateBase.Reference.FullyQualifiedName, builder.BuildSpec(TypeShape.OfReferencedTemplate(templateBase.Reference)))
                : null;
            ApplyChain(builder, record, own, chain, highestLevel: 0, lowestLevel: 0, cancellationToken);
            service = builder.Build(Shape(record, hidesBaseDefinition, chain));
            if (baseTemplate is not null) service = service with { Spec = service.Spec with { BaseTemplate = baseTemplate } };
        }
        else if (isTemplate)
        {
            var builder = new ServiceBuilder(record.Identifier);
            ApplyChain(builder, record, own, chain, chain.Count - 1, lowestLevel: 0, cancellationToken);
            var shape = Shape(record, hidesBaseDefinition: false, chain, isTemplate: true);
            var built = builder.Build(shape);
            if (shape.CanEmit && built.Spec.Image is not null) template = built;
        }

        LabModel? lab = null;
        if (isLab)
        {
            bool hidesBaseDefinition = false;
            for (int level = 1; level < chain.Count && !hidesBaseDefinition; level++) hidesBaseDefinition = chain[level].DeclaresDefinition;
            var labAttributes = new List<AttributeValues>(own.Count);
            foreach (var attribute in own)
                if (LabExtractor.IsLabAttribute(attribute.Kind)) labAttributes.Add(attribute);
            lab = LabExtractor.Build(Shape(record, hidesBaseDefinition, chain), record.Identifier, labAttributes, isService);
        }

        return service is null
            ? new ClassOutcome(null, EquatableArray<DiagnosticInfo>.Empty, null, lab, null, template)
            : new ClassOutcome(service, LabValidator.ValidateService(service), LabValidator.ForCrossChecks(service), lab, null);
    }

    /// <summary>
    /// Applies the attributes of the chain's levels <paramref name="highestLevel"/> down to <paramref name="lowestLevel"/>,
    /// most basic first (0 is the class itself); true when one of those bases already has a <c>Definition</c> the class's must hide.
    /// </summary>
    private static bool ApplyChain(ServiceBuilder builder, ClassSyntaxRecord record, EquatableArray<AttributeValues> own, List<ClassFacts> chain,
        int highestLevel, int lowestLevel, CancellationToken cancellationToken)
    {
        bool hidesBaseDefinition = false;
        for (int level = highestLevel; level >= lowestLevel; level--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attributes = level == 0 ? own : chain[level].Attributes;
            string declaringClass = level == 0 ? record.FullName : chain[level].FullName;
            bool fromMetadata = chain[level].FromMetadata;
            bool directlyMarked = false;
            foreach (var attribute in attributes)
            {
                directlyMarked |= attribute.Kind is AttributeKind.Service or AttributeKind.Stack;
                // A referenced class's attribute has no source here: its diagnostics point at this class, as on the semantic path.
                builder.Apply(fromMetadata ? attribute with { Sites = new AttributeSites(record.Identifier, EquatableArray<ArgumentSite>.Empty) } : attribute, level, declaringClass);
            }
            // A concrete marked base in source gets a generated Definition; one from another assembly shows it as a member.
            if (level > 0 && !hidesBaseDefinition)
                hidesBaseDefinition = chain[level].DeclaresDefinition || (directlyMarked && !chain[level].IsAbstract && !fromMetadata);
        }
        return hidesBaseDefinition;
    }

    /// <summary>
    /// A class without a marker of its own is a service when the nearest marked class it derives from is abstract (a
    /// template, such as a catalog class); a concrete marked base is a service itself, and its subclasses are not
    /// (<c>AttributeKinds.ServiceMarker</c> is the same rule on symbols).
    /// </summary>
    private static bool InheritsTemplateMarker(ClassFacts facts, ClassIndex index)
    {
        var current = facts;
        for (int depth = 0; depth < MaxBaseDepth && current.BaseFullName is { } baseName && index.TryGet(baseName, out current); depth++)
            if (current.DirectlyMarked) return current.IsAbstract;
        return false;
    }

    /// <summary>The same <see cref="TypeShape"/> <see cref="TypeShapeReader.Read"/> gives from the symbol.</summary>
    private static TypeShape Shape(ClassSyntaxRecord record, bool hidesBaseDefinition, List<ClassFacts> chain, bool isTemplate = false)
    {
        string? notPartial = record.IsPartial ? null : record.FullName;
        string? unsupported = record.IsStatic ? "static" : null;
        if (record.Arity > 0) unsupported = "generic";
        string? unreachable = TypeShapeReader.AccessibilityProblem(record.Accessibility);
        string? fileLocal = record.IsFile ? TypeShapeReader.FileLocal : null;

        var containing = new string[record.ContainingTypes.Count];
        for (int i = record.ContainingTypes.Count - 1; i >= 0; i--)
        {
            var type = record.ContainingTypes[i];
            if (notPartial is null && !type.IsPartial) notPartial = type.Name;
            if (type.IsGeneric) unsupported = "nested in a generic type";
            unreachable ??= TypeShapeReader.Inside(TypeShapeReader.AccessibilityProblem(type.Accessibility), type.Keyword, type.Name);
            fileLocal ??= type.IsFile ? TypeShapeReader.Inside(TypeShapeReader.FileLocal, type.Keyword, type.Name) : null;
            containing[i] = "partial " + type.Keyword + " " + TypeShapeReader.Escape(type.Name);
        }

        string? ns = null;
        if (record.Namespace is { } written)
        {
            var parts = written.Split('.');
            for (int i = 0; i < parts.Length; i++) parts[i] = TypeShapeReader.Escape(parts[i]);
            ns = string.Join(".", parts);
        }

        return new TypeShape(
            ns,
            containing.Length == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(containing),
            record.Keyword,
            TypeShapeReader.Escape(record.Name),
            record.Name,
            record.FullName,
            ClassIndex.FullyQualified(record),
            notPartial,
            unsupported ?? fileLocal,
            unreachable,
            hidesBaseDefinition,
            TemplatesOf(chain),
            isTemplate);
    }

    /// <summary>The chain's abstract, marked ancestors, nearest first (as <c>TypeShapeReader</c> finds them from symbols).</summary>
    private static EquatableArray<string> TemplatesOf(List<ClassFacts> chain)
    {
        List<string>? templates = null;
        for (int level = 1; level < chain.Count; level++)
            if (chain[level].IsAbstract && chain[level].ChainMarked) (templates ??= new List<string>(2)).Add(chain[level].Reference.FullyQualifiedName);
        return EquatableArray.From(templates);
    }
}
