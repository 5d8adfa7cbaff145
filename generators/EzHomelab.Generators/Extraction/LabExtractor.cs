using System.Collections.Generic;
using System.Threading;
using EzHomelab.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EzHomelab.Generators.Extraction;

/// <summary>Turns the <c>[Homelab]</c> class and its <c>[Server]</c>s into a <see cref="LabModel"/>.</summary>
internal static class LabExtractor
{
    private const int DefaultAccessTwoFactor = 3;
    private const int DefaultId = 1000;
    private const int MaxBaseDepth = 64;

    public static LabModel? Extract(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol symbol || context.TargetNode is not ClassDeclarationSyntax node) return null;
        if (!ServiceExtractor.IsFirstDeclarationWithMarker(context, symbol, AttributeKind.Homelab)) return null;

        var classLocation = LocationInfo.From(node.Identifier);
        string? domain = null, timezone = null, email = null;
        int access = DefaultAccessTwoFactor, puid = DefaultId, pgid = DefaultId;
        AttributeSites? homelabSites = null;
        bool isAlsoService = false;
        var servers = new List<ServerModel>();
        var serverSites = new List<AttributeSites>();

        foreach (var attribute in symbol.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (AttributeKinds.Classify(attribute.AttributeClass))
            {
                case AttributeKind.Homelab:
                    if (homelabSites is not null) break;
                    homelabSites = AttributeReader.ReadSites(attribute, classLocation, cancellationToken);
                    foreach (var pair in attribute.NamedArguments)
                    {
                        var value = pair.Value;
                        if (!AttributeReader.IsUsable(value)) continue;
                        switch (pair.Key)
                        {
                            case "Domain": if (AttributeReader.TryGetString(value, out var d)) domain = d; break;
                            case "Timezone": if (AttributeReader.TryGetString(value, out var t)) timezone = t; break;
                            case "Email": if (AttributeReader.TryGetString(value, out var e)) email = e; break;
                            case "DefaultAccess": if (AttributeReader.TryGetInt(value, out var a)) access = a; break;
                            case "Puid": if (AttributeReader.TryGetInt(value, out var u)) puid = u; break;
                            case "Pgid": if (AttributeReader.TryGetInt(value, out var g)) pgid = g; break;
                        }
                    }
                    break;
                case AttributeKind.Server:
                    if (!AttributeReader.TryGetConstructorArgument(attribute, 0, out var nameConstant) || !AttributeReader.TryGetString(nameConstant, out var name)) break;
                    string? address = null;
                    foreach (var pair in attribute.NamedArguments)
                        if (pair.Key == "Address" && AttributeReader.IsUsable(pair.Value) && AttributeReader.TryGetString(pair.Value, out var a)) address = a;
                    servers.Add(new ServerModel(name, address));
                    serverSites.Add(AttributeReader.ReadSites(attribute, classLocation, cancellationToken));
                    break;
                case AttributeKind.Service:
                case AttributeKind.Stack:
                    isAlsoService = true;
                    break;
            }
        }

        bool hidesBaseDefinition = false;
        int depth = 0;
        for (var type = symbol.BaseType; type is not null && type.SpecialType != SpecialType.System_Object && !hidesBaseDefinition && depth < MaxBaseDepth; type = type.BaseType, depth++)
            hidesBaseDefinition = type.GetMembers("Definition").Length > 0;

        var shape = TypeShapeReader.Read(symbol, node, hidesBaseDefinition);
        var spec = new LabSpecModel(shape, domain, timezone, email, access, puid, pgid, EquatableArray.From(servers), isAlsoService);
        var sites = new LabSites(classLocation, homelabSites ?? new AttributeSites(classLocation, EquatableArray<ArgumentSite>.Empty), EquatableArray.From(serverSites));
        return new LabModel(spec, sites);
    }
}
