using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Extraction;

/// <summary>The EzHomelab attributes the generator reads, recognised by metadata name (no string formatting of symbols).</summary>
internal enum AttributeKind
{
    None,
    Homelab,
    Server,
    OnServer,
    Stack,
    Service,
    Route,
    Dashboard,
    Volume,
    Env,
    SecretEnv,
    PublishPort,
    Network,
    DependsOn,
    DependsOnGeneric,
    Healthcheck,
    Resources,
    Gpu,
    LazyStart,
    Egress,
    EgressGeneric,
    Label,
    Admin,
    CapAdd,
    Device,
    ExternalHost,
    Widget,
    Smtp,
    Variable,
    AllowNewPrivileges,
    KeepCapabilities,
    AllowDockerSocket,
    Privileged,
    HostNamespaces,
    SecurityOpt,
    ReadOnlyRoot,
    Logging,
}

internal static class AttributeKinds
{
    public const string ServiceMetadataName = "EzHomelab.ServiceAttribute";
    public const string StackMetadataName = "EzHomelab.StackAttribute";
    public const string HomelabMetadataName = "EzHomelab.HomelabAttribute";

    public static AttributeKind Classify(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null || attributeClass.TypeKind == TypeKind.Error) return AttributeKind.None;
        var ns = attributeClass.ContainingNamespace;
        if (ns is null || ns.Name != "EzHomelab" || ns.ContainingNamespace is not { IsGlobalNamespace: true }) return AttributeKind.None;
        if (attributeClass.ContainingType is not null) return AttributeKind.None;
        switch (attributeClass.OriginalDefinition.MetadataName)
        {
            case "HomelabAttribute": return AttributeKind.Homelab;
            case "ServerAttribute": return AttributeKind.Server;
            case "OnServerAttribute": return AttributeKind.OnServer;
            case "StackAttribute": return AttributeKind.Stack;
            case "ServiceAttribute": return AttributeKind.Service;
            case "RouteAttribute": return AttributeKind.Route;
            case "DashboardAttribute": return AttributeKind.Dashboard;
            case "VolumeAttribute": return AttributeKind.Volume;
            case "EnvAttribute": return AttributeKind.Env;
            case "SecretEnvAttribute": return AttributeKind.SecretEnv;
            case "PublishPortAttribute": return AttributeKind.PublishPort;
            case "NetworkAttribute": return AttributeKind.Network;
            case "DependsOnAttribute": return AttributeKind.DependsOn;
            case "DependsOnAttribute`1": return AttributeKind.DependsOnGeneric;
            case "HealthcheckAttribute": return AttributeKind.Healthcheck;
            case "ResourcesAttribute": return AttributeKind.Resources;
            case "GpuAttribute": return AttributeKind.Gpu;
            case "LazyStartAttribute": return AttributeKind.LazyStart;
            case "EgressAttribute": return AttributeKind.Egress;
            case "EgressAttribute`1": return AttributeKind.EgressGeneric;
            case "LabelAttribute": return AttributeKind.Label;
            case "AdminAttribute": return AttributeKind.Admin;
            case "CapAddAttribute": return AttributeKind.CapAdd;
            case "DeviceAttribute": return AttributeKind.Device;
            case "ExternalHostAttribute": return AttributeKind.ExternalHost;
            case "WidgetAttribute": return AttributeKind.Widget;
            case "SmtpAttribute": return AttributeKind.Smtp;
            case "VariableAttribute": return AttributeKind.Variable;
            case "AllowNewPrivilegesAttribute": return AttributeKind.AllowNewPrivileges;
            case "KeepCapabilitiesAttribute": return AttributeKind.KeepCapabilities;
            case "AllowDockerSocketAttribute": return AttributeKind.AllowDockerSocket;
            case "PrivilegedAttribute": return AttributeKind.Privileged;
            case "HostNamespacesAttribute": return AttributeKind.HostNamespaces;
            case "SecurityOptAttribute": return AttributeKind.SecurityOpt;
            case "ReadOnlyRootAttribute": return AttributeKind.ReadOnlyRoot;
            case "LoggingAttribute": return AttributeKind.Logging;
            default: return AttributeKind.None;
        }
    }

    /// <summary>
    /// The marker that makes <paramref name="type"/> a service: its own <c>[Service]</c> or <c>[Stack]</c>, else the one
    /// of the nearest marked class it derives from if that class is abstract (a template) and this one is not; <see cref="AttributeKind.None"/> otherwise.
    /// </summary>
    public static AttributeKind ServiceMarker(INamedTypeSymbol type)
    {
        int depth = 0;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && depth < 64; current = current.BaseType, depth++)
        {
            var marker = CarriesDirectly(current, AttributeKind.Service) ? AttributeKind.Service
                : CarriesDirectly(current, AttributeKind.Stack) ? AttributeKind.Stack
                : AttributeKind.None;
            if (marker == AttributeKind.None) continue;
            return depth == 0 || current.IsAbstract && !type.IsAbstract ? marker : AttributeKind.None;
        }
        return AttributeKind.None;
    }

    /// <summary>True when the type itself (not a base) carries the attribute.</summary>
    public static bool CarriesDirectly(INamedTypeSymbol type, AttributeKind kind)
    {
        foreach (var attribute in type.GetAttributes())
            if (Classify(attribute.AttributeClass) == kind) return true;
        return false;
    }
}
