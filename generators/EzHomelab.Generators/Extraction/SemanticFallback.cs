using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using EzHomelab.Generators.Model;
using EzHomelab.Generators.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators.Extraction;

/// <summary>The models the semantic path built, for the classes the syntactic path could not judge alone.</summary>
/// <param name="Templates">Abstract service classes' models, for their generated <c>Template</c> only.</param>
internal sealed record SemanticOutcome(EquatableArray<ServiceModel> Services, EquatableArray<LabModel> Labs, EquatableArray<ServiceModel> Templates)
{
    public static readonly SemanticOutcome Empty = new(EquatableArray<ServiceModel>.Empty, EquatableArray<LabModel>.Empty, EquatableArray<ServiceModel>.Empty);
}

/// <summary>
/// The one place that touches the compilation. It reruns on every edit (its input includes the compilation), so it
/// does work only for the classes the syntactic path flagged: an argument that is not a literal (a const, nameof),
/// a base class from another assembly, a name only the binder can resolve. With nothing flagged it returns at once.
/// </summary>
internal static class SemanticFallback
{
    public static SemanticOutcome Extract(ImmutableArray<SemanticTarget> targets, Compilation compilation, CancellationToken cancellationToken)
    {
        if (targets.IsDefaultOrEmpty) return SemanticOutcome.Empty;

        var services = new List<ServiceModel>();
        var templates = new List<ServiceModel>();
        var labs = new List<LabModel>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        foreach (var target in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath != target.FilePath) continue;
                var token = tree.GetRoot(cancellationToken).FindToken(target.Span.Start);
                if (token.Span != target.Span || token.Parent is not TypeDeclarationSyntax node || !ClassSyntaxReader.IsClassDeclaration(node)) continue;
                if (!models.TryGetValue(tree, out var model)) models.Add(tree, model = compilation.GetSemanticModel(tree));
                // Partial declarations of one class all point here: the class is read once.
                if (model.GetDeclaredSymbol(node, cancellationToken) is not INamedTypeSymbol symbol || !seen.Add(symbol)) break;

                var marker = AttributeKinds.ServiceMarker(symbol);
                if (marker != AttributeKind.None && ServiceExtractor.ServiceDeclaration(symbol, marker, cancellationToken) is { } serviceNode
                    && ServiceExtractor.Extract(symbol, serviceNode, cancellationToken) is { } service)
                    (service.Spec.Type.IsTemplate ? templates : services).Add(service);
                if (ServiceExtractor.DeclarationWithFirstMarker(symbol, AttributeKind.Homelab, cancellationToken) is { } labNode)
                    labs.Add(LabExtractor.Extract(symbol, labNode, cancellationToken));
                break;
            }
        }
        return services.Count == 0 && labs.Count == 0 && templates.Count == 0
            ? SemanticOutcome.Empty
            : new SemanticOutcome(EquatableArray.From(services), EquatableArray.From(labs), EquatableArray.From(templates));
    }
}
