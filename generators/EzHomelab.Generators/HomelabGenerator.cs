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

        // Every class declaration that could matter: one with attributes or a base (a class with neither can only be
        // a typeof target, which then goes through the semantic path). Read from syntax, memoised per node.
        var classRecords = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { AttributeLists.Count: > 0 } or ClassDeclarationSyntax { BaseList: not null },
                static (ctx, _) => ClassSyntaxReader.Read((ClassDeclarationSyntax)ctx.Node))
            .WithTrackingName(TrackingNames.ClassRecords);
        var globalUsings = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is UsingDirectiveSyntax { GlobalKeyword.RawKind: (int)SyntaxKind.GlobalKeyword },
                static (ctx, _) => ClassSyntaxReader.Read((UsingDirectiveSyntax)ctx.Node))
            .WithTrackingName(TrackingNames.GlobalUsings)
            .Collect();

        // Names, bases and markers of all classes: equal after an edit that only changes a service's arguments.
        var index = classRecords.Collect()
            .Combine(globalUsings)
            .Select(static (input, ct) => ClassIndex.Build(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.ClassIndex);

        var outcomes = classRecords
            .Where(static record => record.HasCandidateMarker)
            .Combine(index)
            .Select((input, ct) => SyntacticModelBuilder.Build(input.Left, input.Right, forceSemantic, ct))
            .Where(static outcome => outcome is not null)
            .Select(static (outcome, _) => outcome!)
            .WithTrackingName(TrackingNames.ClassModels);

        var serviceClasses = outcomes
            .Where(static outcome => outcome.Service is not null)
            .Select(static (outcome, _) => outcome.Service!)
            .WithTrackingName(TrackingNames.ServiceClasses);
        var labClasses = outcomes
            .Where(static outcome => outcome.Lab is not null)
            .Select(static (outcome, _) => outcome.Lab!)
            .WithTrackingName(TrackingNames.LabClasses);

        // The semantic path: the only input that includes the compilation (see SemanticFallback).
        var semantic = outcomes
            .Where(static outcome => outcome.Fallback is not null)
            .Select(static (outcome, _) => outcome.Fallback!)
            .Collect()
            .WithTrackingName(TrackingNames.SemanticTargets)
            .Combine(context.CompilationProvider)
            .Select(static (input, ct) => SemanticFallback.Extract(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.SemanticClasses);
        var semanticServices = semantic.SelectMany(static (outcome, _) => outcome.Services).WithTrackingName(TrackingNames.SemanticServiceClasses);
        var semanticLabs = semantic.SelectMany(static (outcome, _) => outcome.Labs).WithTrackingName(TrackingNames.SemanticLabClasses);

        // Diagnostics: the whole lab in one pure step.
        var allServices = serviceClasses.Collect()
            .Combine(semanticServices.Collect())
            .WithTrackingName(TrackingNames.AllServices);
        var allLabs = labClasses.Collect()
            .Combine(semanticLabs.Collect())
            .Select(static (input, _) => EquatableArray.From(new List<LabModel>(input.Left.AddRange(input.Right))))
            .WithTrackingName(TrackingNames.AllLabs);
        var diagnostics = allServices
            .Combine(allLabs)
            .Select(static (input, ct) => LabValidator.Validate(input.Left.Left, input.Left.Right, ImmutableArray.CreateRange(input.Right), ct))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (var item in items) spc.ReportDiagnostic(item.ToDiagnostic());
        });

        // Emission works on location-free specs, so an edit that only moves code re-emits nothing.
        var serviceSpecs = serviceClasses.Select(static (model, _) => model.Spec).WithTrackingName(TrackingNames.ServiceSpecs);
        var semanticSpecs = semanticServices.Select(static (model, _) => model.Spec).WithTrackingName(TrackingNames.SemanticServiceSpecs);
        var labSpecs = labClasses.Select(static (model, _) => model.Spec).WithTrackingName(TrackingNames.LabSpecs);
        var semanticLabSpecs = semanticLabs.Select(static (model, _) => model.Spec).WithTrackingName(TrackingNames.SemanticLabSpecs);

        // Hint names ignore case; the rare stems that differ only in case get a suffix. Usually empty, so cached.
        var collidingHints = serviceSpecs.Select(static (spec, _) => spec.Type.CanEmit ? spec.Type.DisplayName : null).Collect()
            .Combine(semanticSpecs.Select(static (spec, _) => spec.Type.CanEmit ? spec.Type.DisplayName : null).Collect())
            .Combine(labSpecs.Select(static (spec, _) => spec.CanEmit ? spec.Type.DisplayName : null).Collect()
                .Combine(semanticLabSpecs.Select(static (spec, _) => spec.CanEmit ? spec.Type.DisplayName : null).Collect()))
            .Select(static (input, _) => FindCollidingHints(input.Left.Left, input.Left.Right, input.Right.Left.AddRange(input.Right.Right)))
            .WithTrackingName(TrackingNames.CollidingHints);

        var serviceEmitModels = serviceSpecs.Combine(collidingHints)
            .Select(static (input, _) => new ServiceEmitModel(input.Left, input.Right))
            .WithTrackingName(TrackingNames.ServiceEmitModels);
        var semanticEmitModels = semanticSpecs.Combine(collidingHints)
            .Select(static (input, _) => new ServiceEmitModel(input.Left, input.Right))
            .WithTrackingName(TrackingNames.SemanticServiceEmitModels);
        context.RegisterSourceOutput(serviceEmitModels, static (spc, model) => EmitService(spc, model));
        context.RegisterSourceOutput(semanticEmitModels, static (spc, model) => EmitService(spc, model));

        // The lab file depends on (class, stack, name) of each service only: editing a service's details leaves it cached.
        var labEntries = serviceSpecs.Select(static (spec, _) => ToEntry(spec)).Collect()
            .Combine(semanticSpecs.Select(static (spec, _) => ToEntry(spec)).Collect())
            .Select(static (input, _) => SortEntries(input.Left, input.Right))
            .WithTrackingName(TrackingNames.LabEntries);
        var labEmitModels = labSpecs.Combine(labEntries).Combine(collidingHints)
            .Select(static (input, _) => new LabEmitModel(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.LabEmitModels);
        var semanticLabEmitModels = semanticLabSpecs.Combine(labEntries).Combine(collidingHints)
            .Select(static (input, _) => new LabEmitModel(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.SemanticLabEmitModels);
        context.RegisterSourceOutput(labEmitModels, static (spc, model) => EmitLab(spc, model));
        context.RegisterSourceOutput(semanticLabEmitModels, static (spc, model) => EmitLab(spc, model));
    }

    private static void EmitLab(SourceProductionContext context, LabEmitModel model)
    {
        if (!model.Lab.CanEmit) return;
        context.AddSource(GeneratedFile.HintName(model.Lab.Type, model.CollidingHints), LabEmitter.Emit(model));
    }

    private static void EmitService(SourceProductionContext context, ServiceEmitModel model)
    {
        if (!model.Service.Type.CanEmit) return;
        context.AddSource(GeneratedFile.HintName(model.Service.Type, model.CollidingHints), ServiceEmitter.Emit(model.Service));
    }

    /// <summary>Only classes that get a generated Definition are listed in the lab.</summary>
    private static LabEntry? ToEntry(ServiceSpecModel spec) =>
        spec.Type.CanEmit ? new LabEntry(spec.Stack ?? "", spec.Name, spec.Type.FullyQualifiedName) : null;

    private static EquatableArray<LabEntry> SortEntries(ImmutableArray<LabEntry?> services, ImmutableArray<LabEntry?> stackOnly)
    {
        var entries = new List<LabEntry>(services.Length + stackOnly.Length);
        foreach (var entry in services) if (entry is { } e) entries.Add(e);
        foreach (var entry in stackOnly) if (entry is { } e) entries.Add(e);
        entries.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Stack, b.Stack);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.FullyQualifiedName, b.FullyQualifiedName);
        });
        return EquatableArray.From(entries);
    }

    private static EquatableArray<string> FindCollidingHints(ImmutableArray<string?> services, ImmutableArray<string?> stackOnly, ImmutableArray<string?> labs)
    {
        var stems = new List<string>(services.Length + stackOnly.Length + labs.Length);
        foreach (var stem in services) if (stem is not null) stems.Add(stem);
        foreach (var stem in stackOnly) if (stem is not null) stems.Add(stem);
        foreach (var stem in labs) if (stem is not null) stems.Add(stem);
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
