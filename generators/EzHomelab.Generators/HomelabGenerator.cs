using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using EzHomelab.Generators.Emission;
using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Model;
using EzHomelab.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators;

/// <summary>
/// Turns the lab's attributed classes into C# that builds the runtime model, and reports every mistake the
/// attributes make visible. Two pipelines share the extracted models: emission (location-free, per class) and
/// validation (one collected step over the whole lab).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HomelabGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // A class with both markers is taken by the [Service] pipeline only, so each class appears once.
        var serviceClasses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeKinds.ServiceMetadataName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => ServiceExtractor.Extract(ctx, AttributeKind.Service, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.ServiceClasses);

        var stackOnlyClasses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeKinds.StackMetadataName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => ServiceExtractor.Extract(ctx, AttributeKind.Stack, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.StackOnlyClasses);

        var labClasses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeKinds.HomelabMetadataName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => LabExtractor.Extract(ctx, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.LabClasses);

        // Diagnostics: the whole lab in one pure step.
        var allServices = serviceClasses.Collect()
            .Combine(stackOnlyClasses.Collect())
            .WithTrackingName(TrackingNames.AllServices);
        var allLabs = labClasses.Collect().WithTrackingName(TrackingNames.AllLabs);
        var diagnostics = allServices
            .Combine(allLabs)
            .Select(static (input, ct) => LabValidator.Validate(input.Left.Left, input.Left.Right, input.Right, ct))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (var item in items) spc.ReportDiagnostic(item.ToDiagnostic());
        });

        // Emission works on location-free specs, so an edit that only moves code re-emits nothing.
        var serviceSpecs = serviceClasses.Select(static (model, _) => model.Spec).WithTrackingName(TrackingNames.ServiceSpecs);
        var stackOnlySpecs = stackOnlyClasses.Select(static (model, _) => model.Spec).WithTrackingName(TrackingNames.StackOnlySpecs);
        var labSpecs = labClasses.Select(static (model, _) => model.Spec).WithTrackingName(TrackingNames.LabSpecs);

        // Hint names ignore case; the rare stems that differ only in case get a suffix. Usually empty, so cached.
        var collidingHints = serviceSpecs.Select(static (spec, _) => spec.Type.CanEmit ? spec.Type.DisplayName : null).Collect()
            .Combine(stackOnlySpecs.Select(static (spec, _) => spec.Type.CanEmit ? spec.Type.DisplayName : null).Collect())
            .Combine(labSpecs.Select(static (spec, _) => spec.CanEmit ? spec.Type.DisplayName : null).Collect())
            .Select(static (input, _) => FindCollidingHints(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.CollidingHints);

        var serviceEmitModels = serviceSpecs.Combine(collidingHints)
            .Select(static (input, _) => new ServiceEmitModel(input.Left, input.Right))
            .WithTrackingName(TrackingNames.ServiceEmitModels);
        var stackOnlyEmitModels = stackOnlySpecs.Combine(collidingHints)
            .Select(static (input, _) => new ServiceEmitModel(input.Left, input.Right))
            .WithTrackingName(TrackingNames.StackOnlyEmitModels);
        context.RegisterSourceOutput(serviceEmitModels, static (spc, model) => EmitService(spc, model));
        context.RegisterSourceOutput(stackOnlyEmitModels, static (spc, model) => EmitService(spc, model));

        // The lab file depends on (class, stack, name) of each service only: editing a service's details leaves it cached.
        var labEntries = serviceSpecs.Select(static (spec, _) => ToEntry(spec)).Collect()
            .Combine(stackOnlySpecs.Select(static (spec, _) => ToEntry(spec)).Collect())
            .Select(static (input, _) => SortEntries(input.Left, input.Right))
            .WithTrackingName(TrackingNames.LabEntries);
        var labEmitModels = labSpecs.Combine(labEntries).Combine(collidingHints)
            .Select(static (input, _) => new LabEmitModel(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.LabEmitModels);
        context.RegisterSourceOutput(labEmitModels, static (spc, model) =>
        {
            if (!model.Lab.CanEmit) return;
            spc.AddSource(GeneratedFile.HintName(model.Lab.Type, model.CollidingHints), LabEmitter.Emit(model));
        });
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
