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

    /// <summary>The semantic path: the class as a symbol, <paramref name="node"/> being the declaration that holds its first <c>[Homelab]</c>.</summary>
    public static LabModel Extract(INamedTypeSymbol symbol, TypeDeclarationSyntax node, CancellationToken cancellationToken)
    {
        var classLocation = LocationInfo.From(node.Identifier);
        var attributes = new List<AttributeValues>();
        foreach (var attribute in symbol.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kind = AttributeKinds.Classify(attribute.AttributeClass);
            if (IsLabAttribute(kind))
                attributes.Add(AttributeReader.ToValues(attribute, kind, classLocation, cancellationToken));
        }

        bool hidesBaseDefinition = false;
        int depth = 0;
        for (var type = symbol.BaseType; type is not null && type.SpecialType != SpecialType.System_Object && !hidesBaseDefinition && depth < MaxBaseDepth; type = type.BaseType, depth++)
            hidesBaseDefinition = type.GetMembers("Definition").Length > 0;

        return Build(TypeShapeReader.Read(symbol, node, hidesBaseDefinition), classLocation, attributes, AttributeKinds.ServiceMarker(symbol) != AttributeKind.None);
    }

    /// <summary>Both paths: the lab from its own attributes (a lab's base classes contribute nothing but a <c>Definition</c> to hide).</summary>
    /// <param name="isService">The class is also a service (by its own marker or one inherited from a template): reported, not emitted as a lab.</param>
    public static LabModel Build(TypeShape shape, LocationInfo classLocation, IReadOnlyList<AttributeValues> attributes, bool isService)
    {
        string? domain = null, timezone = null, email = null;
        EquatableArray<string> lanNetworks = default;
        int access = DefaultAccessTwoFactor, puid = DefaultId, pgid = DefaultId;
        AttributeSites? homelabSites = null;
        bool isAlsoService = isService;
        var servers = new List<ServerModel>();
        var serverSites = new List<AttributeSites>();
        var externalHosts = new List<ExternalHostModel>();
        var externalHostSites = new List<AttributeSites>();
        SmtpModel? smtp = null;
        AttributeSites? smtpSites = null;
        var variables = new List<VariableModel>();
        var variableSites = new List<AttributeSites>();
        ResourcesModel? resources = null;
        LoggingModel? logging = null;
        AttributeSites? resourcesSites = null, loggingSites = null;

        foreach (var attribute in attributes)
        {
            switch (attribute.Kind)
            {
                case AttributeKind.Homelab:
                    if (homelabSites is not null) break;
                    homelabSites = attribute.Sites;
                    foreach (var pair in attribute.Named)
                    {
                        var value = pair.Value;
                        if (!value.IsUsable) continue;
                        switch (pair.Name)
                        {
                            case "Domain": if (value.TryGetString(out var d)) domain = d; break;
                            case "Timezone": if (value.TryGetString(out var t)) timezone = t; break;
                            case "Email": if (value.TryGetString(out var e)) email = e; break;
                            case "DefaultAccess": if (value.TryGetInt(out var a)) access = a; break;
                            case "Puid": if (value.TryGetInt(out var u)) puid = u; break;
                            case "Pgid": if (value.TryGetInt(out var g)) pgid = g; break;
                            case "LanNetworks": if (value.TryGetStringArray(out var n)) lanNetworks = n; break;
                        }
                    }
                    break;
                case AttributeKind.Server:
                    if (!ServiceBuilder.CtorStringOf(attribute, 0, out var name)) break;
                    string? address = null;
                    foreach (var pair in attribute.Named)
                        if (pair.Name == "Address" && pair.Value.IsUsable && pair.Value.TryGetString(out var a)) address = a;
                    servers.Add(new ServerModel(name, address));
                    serverSites.Add(attribute.Sites);
                    break;
                case AttributeKind.ExternalHost:
                    if (!ServiceBuilder.CtorStringOf(attribute, 0, out var subdomain) || !ServiceBuilder.CtorStringOf(attribute, 1, out var url)) break;
                    externalHosts.Add(ReadExternalHost(attribute, subdomain, url));
                    externalHostSites.Add(attribute.Sites);
                    break;
                case AttributeKind.Smtp:
                    ServiceBuilder.CtorStringOf(attribute, 0, out var smtpHost);
                    ServiceBuilder.CtorIntOf(attribute, 1, out var smtpPort);
                    ServiceBuilder.CtorStringOf(attribute, 2, out var sender);
                    ServiceBuilder.CtorStringOf(attribute, 3, out var username);
                    smtp = new SmtpModel(smtpHost, smtpPort, sender, username);
                    smtpSites = attribute.Sites;
                    break;
                case AttributeKind.Variable:
                    if (ServiceBuilder.ReadVariable(attribute, shape.DisplayName) is not { } variable) break;
                    variables.Add(variable);
                    variableSites.Add(attribute.Sites);
                    break;
                case AttributeKind.Resources:
                case AttributeKind.Logging:
                    // The lab's defaults for every service: read by the same builder as a service's own, so they merge alike.
                    var defaults = new ServiceBuilder(classLocation);
                    defaults.Apply(attribute, 0, shape.DisplayName);
                    var model = defaults.Build(shape);
                    if (attribute.Kind == AttributeKind.Resources) { resources = model.Spec.Resources; resourcesSites = model.Sites.Resources; }
                    else { logging = model.Spec.Hardening?.Logging; loggingSites = model.Sites.Hardening?.Logging; }
                    break;
                case AttributeKind.Service:
                case AttributeKind.Stack:
                    isAlsoService = true;
                    break;
            }
        }

        var spec = new LabSpecModel(shape, domain, timezone, email, access, puid, pgid, EquatableArray.From(servers), EquatableArray.From(externalHosts), smtp, lanNetworks, isAlsoService, EquatableArray.From(variables),
            resources, logging);
        var sites = new LabSites(classLocation, homelabSites ?? new AttributeSites(classLocation, EquatableArray<ArgumentSite>.Empty), EquatableArray.From(serverSites), EquatableArray.From(externalHostSites), smtpSites, EquatableArray.From(variableSites),
            resourcesSites, loggingSites);
        return new LabModel(spec, sites);
    }

    /// <summary>The attributes the lab class reads (a service marker on it is read only to be reported; [Resources] and [Logging] are the services' defaults).</summary>
    public static bool IsLabAttribute(AttributeKind kind) =>
        kind is AttributeKind.Homelab or AttributeKind.Server or AttributeKind.ExternalHost or AttributeKind.Smtp or AttributeKind.Variable
            or AttributeKind.Service or AttributeKind.Stack or AttributeKind.Resources or AttributeKind.Logging;

    private static ExternalHostModel ReadExternalHost(AttributeValues attribute, string? subdomain, string? url)
    {
        int access = 0;
        string? group = null, name = null, icon = null, description = null;
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable) continue;
            switch (pair.Name)
            {
                case "Access": if (value.TryGetInt(out var a)) access = a; break;
                case "DashboardGroup": if (value.TryGetString(out var g)) group = g; break;
                case "Name": if (value.TryGetString(out var n)) name = n; break;
                case "Icon": if (value.TryGetString(out var i)) icon = i; break;
                case "Description": if (value.TryGetString(out var d)) description = d; break;
            }
        }
        var dashboard = group is null ? null : new DashboardModel(group, name ?? subdomain ?? "", icon, description);
        return new ExternalHostModel(subdomain, url, access, dashboard);
    }
}
