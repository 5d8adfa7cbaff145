using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using EzHomelab.Generators.Emission;
using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Model;
using EzHomelab.Generators.Syntax;
using EzHomelab.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators;

/// <summary>
/// Turns the lab's attributed classes into C# that builds the runtime model, and reports every mistake the
/// attributes make visible.
/// <para>
/// Models are read from syntax, not from symbols: <c>ForAttributeWithMetadataName</c> binds every matched class's
/// attributes again on each compilation change, which at a thousand services costs more per keystroke than the
/// budget allows (docs/architecture.md, "Generator pipeline"). Each class declaration becomes a cached syntax
/// record; a small index resolves names between classes; each marked class becomes its model from its record and
/// the index. Classes whose arguments or names only the compiler can judge go to the semantic path, the one step
/// that touches the compilation.
/// </para>
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HomelabGenerator : IIncrementalGenerator
{
    private readonly bool _forceSemantic;

    public HomelabGenerator()
    {
    }

    /// <param name="forceSemantic">Send every marked class through the semantic path (the twin tests compare both paths).</param>
    internal HomelabGenerator(bool forceSemantic) => _forceSemantic = forceSemantic;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        bool forceSemantic = _forceSemantic;

        // Every class declaration (record classes included) that could matter: one with attributes or a base (a class with
        // neither can only be a typeof target, which then goes through the semantic path). Read from syntax, memoised per node.
        var classRecords = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => ClassSyntaxReader.IsClassDeclaration(node) && node is TypeDeclarationSyntax { AttributeLists.Count: > 0 } or TypeDeclarationSyntax { BaseList: not null },
                static (ctx, _) => ClassSyntaxReader.Read((TypeDeclarationSyntax)ctx.Node))
            .WithTrackingName(TrackingNames.ClassRecords);
        var globalUsings = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is UsingDirectiveSyntax { GlobalKeyword.RawKind: (int)SyntaxKind.GlobalKeyword },
                static (ctx, _) => ClassSyntaxReader.Read((UsingDirectiveSyntax)ctx.Node))
            .WithTrackingName(TrackingNames.GlobalUsings)
            .Collect();

        // The classes of referenced assemblies that use EzHomelab (the catalog): read once per reference, so a lab class
        // deriving from a catalog class stays on this path (see ReferencedClasses).
        var referencedClasses = context.CompilationProvider
            .Select(static (compilation, ct) => ReferencedClasses.Read(compilation, ct))
            .WithTrackingName(TrackingNames.ReferencedClasses);

        // Names, bases and markers of all classes. Each entry is cached per class and stays equal when a service's
        // other arguments change, so after such an edit the index is not even rebuilt.
        var index = classRecords
            .Select(static (record, _) => record.ForIndex())
            .WithTrackingName(TrackingNames.IndexEntries)
            .Collect()
            .Combine(globalUsings)
            .Combine(referencedClasses)
            .Select(static (input, ct) => ClassIndex.Build(input.Left.Left, input.Left.Right, input.Right, ct))
            .WithTrackingName(TrackingNames.ClassIndex);

        // Per class: its models, the diagnostics of its own rules, and what the lab-wide rules need of it.
        var outcomes = classRecords
            .Combine(index)
            .Select((input, ct) => SyntacticModelBuilder.Build(input.Left, input.Right, forceSemantic, ct))
            .WithTrackingName(TrackingNames.ClassModels);
        var allOutcomes = outcomes.Collect();

        // The semantic path: the only input that includes the compilation (see SemanticFallback).
        var semantic = allOutcomes
            .Select(static (items, _) => SemanticTargetsOf(items))
            .WithTrackingName(TrackingNames.SemanticTargets)
            .Combine(context.CompilationProvider)
            .Select(static (input, ct) => SemanticFallback.Extract(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.SemanticClasses);
        // Lab-wide facts, each an O(n) projection whose result stays equal unless what it projects changes.
        var labs = allOutcomes
            .Select(static (items, _) => LabsOf(items))
            .Combine(semantic)
            .Select(static (input, _) => EquatableArray.From(Concat(input.Left, input.Right.Labs)))
            .WithTrackingName(TrackingNames.AllLabs);
        var serviceNames = allOutcomes
            .Select(static (items, _) => NamesOf(items))
            .Combine(semantic)
            .Select(static (input, _) => EquatableArray.From(Concat(input.Left, NamesOf(input.Right.Services))))
            .WithTrackingName(TrackingNames.ServiceNames);

        // Diagnostics: each service's own (computed per class), then the rules across services on reduced models.
        // The models carry locations relative to their class (ClassAnchor), so an edit that only moves classes leaves them
        // equal and the rules cached; the anchors, which such an edit does change, only place the diagnostics found.
        var crossCheckModels = allOutcomes
            .Select(static (items, _) => CrossCheckModelsOf(items))
            .Combine(semantic)
            .Select(static (input, _) => EquatableArray.From(Concat(input.Left, CrossCheckModelsOf(input.Right.Services))));
        var classAnchors = crossCheckModels
            .Select(static (models, _) => AnchorsOf(models))
            .WithTrackingName(TrackingNames.ClassAnchors);
        var crossDiagnostics = crossCheckModels
            .Select(static (models, _) => ServicesOf(models))
            .WithTrackingName(TrackingNames.CrossCheckModels)
            .Combine(labs)
            .Select(static (input, ct) => LabValidator.ValidateAcrossServices(ImmutableArray.CreateRange(input.Left), ImmutableArray.CreateRange(input.Right), ct))
            .WithTrackingName(TrackingNames.CrossDiagnostics)
            .Combine(classAnchors)
            .Select(static (input, _) => LabValidator.Anchored(input.Left, input.Right))
            .WithTrackingName(TrackingNames.AnchoredDiagnostics);
        var diagnostics = allOutcomes
            .Select(static (items, _) => ServiceDiagnosticsOf(items))
            .Combine(semantic)
            .Select(static (input, _) => EquatableArray.From(Concat(input.Left, ServiceDiagnosticsOf(input.Right.Services))))
            .Combine(crossDiagnostics)
            .Select(static (input, _) => EquatableArray.From(Concat(input.Left, input.Right)))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (var item in items) spc.ReportDiagnostic(item.ToDiagnostic());
        });

        // One generated file per source file that declares services (see ServiceEmitter.Emit): an edit re-emits its own file only.
        var serviceGroups = allOutcomes
            .Combine(semantic)
            .Select(static (input, _) => GroupsOf(input.Left, input.Right.Services, input.Right.Templates))
            .WithTrackingName(TrackingNames.ServiceGroups);

        // Hint names ignore case; the rare stems that differ only in case get a suffix. Usually empty, so cached.
        var collidingHints = serviceGroups
            .Combine(labs)
            .Select(static (input, _) => FindCollidingHints(input.Left, input.Right))
            .WithTrackingName(TrackingNames.CollidingHints);

        // Emission works on location-free specs, so an edit that only moves code re-emits nothing.
        var serviceEmitModels = serviceGroups
            .Combine(collidingHints)
            .SelectMany(static (input, _) => EmitModelsOf(input.Left, input.Right))
            .WithTrackingName(TrackingNames.ServiceEmitModels);
        context.RegisterSourceOutput(serviceEmitModels, static (spc, model) =>
            spc.AddSource(GeneratedFile.HintName(model.Group.First, model.CollidingHints), ServiceEmitter.Emit(model.Group.Services)));

        // The lab file depends on (class, stack, name) of each service only: editing a service's details leaves it cached.
        var labEntries = serviceNames
            .Select(static (names, _) => SortEntries(names))
            .WithTrackingName(TrackingNames.LabEntries);
        var labEmitModels = labs
            .Combine(labEntries)
            .Combine(collidingHints)
            .SelectMany(static (input, _) => LabEmitModelsOf(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.LabEmitModels);
        context.RegisterSourceOutput(labEmitModels, static (spc, model) =>
            spc.AddSource(GeneratedFile.HintName(model.Lab.Type, model.CollidingHints), LabEmitter.Emit(model)));
    }

    private static ImmutableArray<SemanticTarget> SemanticTargetsOf(ImmutableArray<ClassOutcome> outcomes)
    {
        var targets = ImmutableArray.CreateBuilder<SemanticTarget>();
        foreach (var outcome in outcomes)
            if (outcome.Fallback is { } target) targets.Add(target);
        return targets.ToImmutable();
    }

    private static EquatableArray<LabModel> LabsOf(ImmutableArray<ClassOutcome> outcomes)
    {
        List<LabModel>? labs = null;
        foreach (var outcome in outcomes)
            if (outcome.Lab is { } lab) (labs ??= new List<LabModel>()).Add(lab);
        return EquatableArray.From(labs);
    }

    private static EquatableArray<LabEntry> NamesOf(ImmutableArray<ClassOutcome> outcomes)
    {
        var names = new List<LabEntry>(outcomes.Length);
        foreach (var outcome in outcomes)
            if (outcome.Service is { } service) names.Add(ToEntry(service.Spec));
        return EquatableArray.From(names);
    }

    private static IEnumerable<LabEntry> NamesOf(EquatableArray<ServiceModel> services)
    {
        foreach (var service in services) yield return ToEntry(service.Spec);
    }

    private static EquatableArray<CrossCheckModel> CrossCheckModelsOf(ImmutableArray<ClassOutcome> outcomes)
    {
        var models = new List<CrossCheckModel>(outcomes.Length);
        foreach (var outcome in outcomes)
            if (outcome.CrossCheckModel is { } model) models.Add(model);
        return EquatableArray.From(models);
    }

    private static IEnumerable<CrossCheckModel> CrossCheckModelsOf(EquatableArray<ServiceModel> services)
    {
        foreach (var service in services) yield return LabValidator.ForCrossChecks(service);
    }

    private static EquatableArray<ServiceModel> ServicesOf(EquatableArray<CrossCheckModel> models)
    {
        var services = new ServiceModel[models.Count];
        for (int i = 0; i < services.Length; i++) services[i] = models[i].Service;
        return new EquatableArray<ServiceModel>(services);
    }

    private static EquatableArray<ClassAnchor> AnchorsOf(EquatableArray<CrossCheckModel> models)
    {
        var anchors = new List<ClassAnchor>(models.Count);
        foreach (var model in models)
            if (model.Anchor is { } anchor) anchors.Add(anchor);
        return EquatableArray.From(anchors);
    }

    private static EquatableArray<DiagnosticInfo> ServiceDiagnosticsOf(ImmutableArray<ClassOutcome> outcomes)
    {
        List<DiagnosticInfo>? diagnostics = null;
        foreach (var outcome in outcomes)
            if (outcome.ServiceDiagnostics.Count > 0) (diagnostics ??= new List<DiagnosticInfo>()).AddRange(outcome.ServiceDiagnostics);
        return EquatableArray.From(diagnostics);
    }

    private static IEnumerable<DiagnosticInfo> ServiceDiagnosticsOf(EquatableArray<ServiceModel> services)
    {
        foreach (var service in services)
            foreach (var diagnostic in LabValidator.ValidateService(service))
                yield return diagnostic;
    }

    private static List<T> Concat<T>(IEnumerable<T> first, IEnumerable<T> second)
    {
        var items = new List<T>(first);
        items.AddRange(second);
        return items;
    }

    private static IEnumerable<LabEmitModel> LabEmitModelsOf(EquatableArray<LabModel> labs, EquatableArray<LabEntry> services, EquatableArray<string> collidingHints)
    {
        foreach (var lab in labs)
            if (lab.Spec.CanEmit) yield return new LabEmitModel(lab.Spec, services, collidingHints);
    }

    /// <summary>Emittable services and templates grouped by the file that declares them, each group in declaration order; groups ordered by first class.</summary>
    private static EquatableArray<ServiceGroup> GroupsOf(ImmutableArray<ClassOutcome> outcomes, EquatableArray<ServiceModel> semanticServices, EquatableArray<ServiceModel> semanticTemplates)
    {
        var byFile = new Dictionary<string, List<ServiceModel>>(StringComparer.Ordinal);
        void Add(ServiceModel service)
        {
            // A template is never named by the lab, so only its own declaration must be able to take members.
            if (!(service.Spec.Type.IsTemplate ? service.Spec.Type.CanEmit : service.Spec.Type.CanEmitService)) return;
            if (!byFile.TryGetValue(service.Sites.Class.FilePath, out var list)) byFile.Add(service.Sites.Class.FilePath, list = new List<ServiceModel>());
            list.Add(service);
        }
        foreach (var outcome in outcomes)
        {
            if (outcome.Service is { } service) Add(service);
            if (outcome.Template is { } template) Add(template);
        }
        foreach (var service in semanticServices) Add(service);
        foreach (var template in semanticTemplates) Add(template);

        var groups = new List<ServiceGroup>(byFile.Count);
        foreach (var list in byFile.Values)
        {
            list.Sort(static (a, b) => a.Sites.Class.Span.Start.CompareTo(b.Sites.Class.Span.Start));
            var specs = new ServiceSpecModel[list.Count];
            for (int i = 0; i < specs.Length; i++) specs[i] = list[i].Spec;
            groups.Add(new ServiceGroup(new EquatableArray<ServiceSpecModel>(specs)));
        }
        groups.Sort(static (a, b) => string.CompareOrdinal(a.First.DisplayName, b.First.DisplayName));
        return EquatableArray.From(groups);
    }

    private static IEnumerable<ServiceGroupEmitModel> EmitModelsOf(EquatableArray<ServiceGroup> groups, EquatableArray<string> collidingHints)
    {
        foreach (var group in groups) yield return new ServiceGroupEmitModel(group, collidingHints);
    }

    /// <summary>What the lab file needs of a service. <see cref="LabEntry.CanEmit"/>: only classes that get a generated Definition are listed.</summary>
    private static LabEntry ToEntry(ServiceSpecModel spec) =>
        new(spec.Stack ?? "", spec.Name, spec.Type.FullyQualifiedName, spec.Type.DisplayName, spec.Type.CanEmitService);

    private static EquatableArray<LabEntry> SortEntries(EquatableArray<LabEntry> names)
    {
        var entries = new List<LabEntry>(names.Count);
        foreach (var entry in names) if (entry.CanEmit) entries.Add(entry);
        entries.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Stack, b.Stack);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.FullyQualifiedName, b.FullyQualifiedName);
        });
        return EquatableArray.From(entries);
    }

    private static EquatableArray<string> FindCollidingHints(EquatableArray<ServiceGroup> groups, EquatableArray<LabModel> labs)
    {
        var stems = new List<string>(groups.Count + labs.Count);
        foreach (var group in groups) stems.Add(group.First.DisplayName);
        foreach (var lab in labs) if (lab.Spec.CanEmit) stems.Add(lab.Spec.Type.DisplayName);
        stems.Sort(StringComparer.OrdinalIgnoreCase);
        List<string>? colliding = null;
        for (int i = 1; i < stems.Count; i++)
        {
            if (!string.Equals(stems[i - 1], stems[i], StringComparison.OrdinalIgnoreCase)) continue;
            colliding ??= new List<string>();
            colliding.Add(stems[i - 1]);
            colliding.Add(stems[i]);
        }
        if (colliding is null) return EquatableArray<string>.Empty;
        colliding.Sort(StringComparer.Ordinal);
        return EquatableArray.From(colliding);
    }
}
