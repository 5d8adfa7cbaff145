using System;
using System.Collections.Generic;

namespace EzHomelab.Generators.Model;

// Everything the generator knows about one service class, copied out of the compilation into plain values.
// The spec half carries no locations, so the emitter's input stays equal when an edit only moves code around;
// the sites half records where each attribute argument was written, for diagnostics.

internal sealed record ServiceModel(ServiceSpecModel Spec, ServiceSites Sites);

/// <summary>How the class is declared, as far as the emitted partial declaration needs it.</summary>
/// <param name="Namespace">Escaped namespace without <c>global::</c>; null for the global namespace.</param>
/// <param name="ContainingTypes">Declaration headers of the enclosing types, outermost first (e.g. <c>partial class Outer</c>).</param>
/// <param name="Name">The class name as a C# identifier (escaped when it is a keyword).</param>
/// <param name="ClassName">The class name as written, for messages and defaults.</param>
/// <param name="DisplayName">Dotted name without escapes (<c>Ns.Outer.Jellyfin</c>); also the hint name's stem.</param>
/// <param name="FullyQualifiedName"><c>global::Ns.Outer.Jellyfin</c>.</param>
/// <param name="NotPartial">The first of the class and its containing types that lacks <c>partial</c>, or null.</param>
/// <param name="Keyword">How the emitted partial declaration is introduced: <c>class</c>, or <c>record</c> for a record class.</param>
/// <param name="Unsupported">Why the class cannot carry generated members (generic, static, file-local), or null.</param>
/// <param name="Unreachable">
/// Why code elsewhere in the assembly (the lab's <c>Definition</c>) cannot name the class: <c>private</c>, <c>protected</c> or
/// <c>private protected</c>, on itself or on a containing type; null when it is reachable.
/// </param>
/// <param name="HidesBaseDefinition">A base class already has a <c>Definition</c>, so the emitted one needs <c>new</c>.</param>
/// <param name="IsTemplate">
/// An abstract class (a catalog class): it gets a <c>Template</c>, the service as its attributes describe it, which the
/// <c>Definition</c> of a class deriving from it starts from (<see cref="ServiceSpecModel.BaseTemplate"/>).
/// </param>
/// <param name="Templates">
/// <c>global::</c> names of the abstract, marked classes this class derives from (catalog templates), nearest first: a
/// <c>[DependsOn&lt;Catalog.Postgres&gt;]</c> written in a template finds the lab's service through them.
/// </param>
internal sealed record TypeShape(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string Keyword,
    string Name,
    string ClassName,
    string DisplayName,
    string FullyQualifiedName,
    string? NotPartial,
    string? Unsupported,
    string? Unreachable,
    bool HidesBaseDefinition,
    EquatableArray<string> Templates,
    bool IsTemplate = false)
{
    /// <summary>The class can carry a generated <c>Definition</c> (a lab may be unreachable: nothing generated refers to it).</summary>
    public bool CanEmit => NotPartial is null && Unsupported is null;

    /// <summary>A service class gets a generated <c>Definition</c> only if the lab can also refer to it.</summary>
    public bool CanEmitService => CanEmit && Unreachable is null;

    /// <summary>
    /// The shape of a referenced class whose template a derived class starts from: only its names count (a spec's
    /// defaults come from the class name); nothing is emitted into it here.
    /// </summary>
    public static TypeShape OfReferencedTemplate(TypeRef reference)
    {
        var display = reference.DisplayName;
        var name = display.Substring(display.LastIndexOf('.') + 1);
        return new TypeShape(null, EquatableArray<string>.Empty, "class", name, name, display, reference.FullyQualifiedName,
            NotPartial: null, Unsupported: null, Unreachable: null, HidesBaseDefinition: false, EquatableArray<string>.Empty, IsTemplate: true);
    }
}

/// <summary>A <c>typeof(X)</c> or generic-argument reference to another class.</summary>
/// <param name="IsService">X is a class that carries <c>[Service]</c> or <c>[Stack]</c> itself or through a base.</param>
/// <param name="ServiceName">X's service name (its <c>[Service(Name=…)]</c>, else its class name in kebab case).</param>
internal sealed record TypeRef(string FullyQualifiedName, string DisplayName, bool IsService, string ServiceName);

internal sealed record ServiceSpecModel(
    TypeShape Type,
    string Name,
    string? Stack,
    string? Image,
    string? Server,
    EquatableArray<string> Command,
    EquatableArray<string> Entrypoint,
    string? User,
    int Restart,
    string? ContainerName,
    RouteModel? Route,
    DashboardModel? Dashboard,
    EquatableArray<VolumeModel> Volumes,
    EquatableArray<EnvModel> Environment,
    EquatableArray<SecretEnvModel> SecretEnvironment,
    EquatableArray<PortModel> Ports,
    EquatableArray<NetworkModel> Networks,
    EquatableArray<DependencyModel> DependsOn,
    HealthcheckModel? Healthcheck,
    ResourcesModel? Resources,
    GpuModel? Gpu,
    LazyStartModel? LazyStart,
    TypeRef? Egress,
    EquatableArray<LabelModel> Labels,
    EquatableArray<string> CapAdd,
    EquatableArray<DeviceModel> Devices,
    bool IsAdmin,
    WidgetModel? Widget,
    EquatableArray<VariableModel> Variables,
    HardeningModel? Hardening,
    TemplateModel? BaseTemplate = null)
{
    public bool IsLazy => LazyStart is not null;
}

/// <summary>
/// The direct base's generated <c>Template</c> (a catalog class compiled by this generator's version) and the spec it
/// holds, rebuilt here from the base's attributes: the emitter writes the class's <c>Definition</c> as that template
/// with only what differs, so a one-line catalog service costs a line of generated code, not a whole spec.
/// </summary>
/// <param name="FullyQualifiedName">The base class, <c>global::</c> qualified.</param>
internal sealed record TemplateModel(string FullyQualifiedName, ServiceSpecModel Spec);

internal sealed record RouteModel(int Port, string? Subdomain, int Access, EquatableArray<string> PathPrefixes, bool AllowBypassOnAdmin)
{
    /// <summary>The subdomain the route answers on (the service name unless set).</summary>
    public string EffectiveSubdomain(string serviceName) => Subdomain ?? serviceName;
}

internal sealed record DashboardModel(string? Group, string Name, string? Icon, string? Description);

internal sealed record VolumeModel(string? Source, string? Target, bool ReadOnly);

internal sealed record EnvModel(string? Name, string? Value);

/// <summary>A <c>[SecretEnv]</c>: <paramref name="Form"/> and <paramref name="Supply"/> are the enums' values, <paramref name="FileVariable"/> null unless given.</summary>
internal sealed record SecretEnvModel(string? Name, string? Secret, int Form, string? FileVariable, int Supply);

internal sealed record PortModel(int HostPort, int ContainerPort, int Protocol, string? HostIp);

/// <summary>A <c>[Network]</c>: its name, and whether it is declared without a route out.</summary>
internal sealed record NetworkModel(string Name, bool Internal);

internal sealed record DependencyModel(TypeRef Target, int Condition);

internal sealed record HealthcheckModel(EquatableArray<string> Test, string? Interval, string? Timeout, int Retries, string? StartPeriod);

/// <param name="Pids">0 when not set.</param>
internal sealed record ResourcesModel(string? Cpus, string? Memory, string? CpusReservation, string? MemoryReservation, int Pids);

/// <summary>
/// A service's own departures from the hardening baseline (null when its class chain carries none of the attributes, the
/// common case): each exception with its reason, the extra security options, a read-only root, its log rotation.
/// </summary>
internal sealed record HardeningModel(
    ExemptionModel? AllowNewPrivileges,
    ExemptionModel? KeepCapabilities,
    ExemptionModel? AllowDockerSocket,
    ExemptionModel? Privileged,
    HostNamespacesModel? HostNamespaces,
    EquatableArray<SecurityOptModel> SecurityOptions,
    ReadOnlyRootModel? ReadOnlyRoot,
    LoggingModel? Logging);

/// <summary>An exception attribute and the reason it gives (null when it gives none).</summary>
internal sealed record ExemptionModel(string? Reason);

internal sealed record HostNamespacesModel(bool Network, bool Pid, bool Ipc, string? Reason)
{
    public bool Any => Network || Pid || Ipc;
}

internal sealed record SecurityOptModel(string? Option, string? Reason);

internal sealed record ReadOnlyRootModel(EquatableArray<string> Tmpfs);

/// <param name="MaxFiles">0 when not set.</param>
internal sealed record LoggingModel(string? MaxSize, int MaxFiles);

internal sealed record GpuModel(string? Driver, int Count);

internal sealed record LazyStartModel(string Group, string? SessionDuration, string? DisplayName);

internal sealed record LabelModel(string? Key, string? Value);

internal sealed record WidgetModel(string? Type, string? Url, string? ApiKeySecret, EquatableArray<string> Fields);

internal sealed record DeviceModel(string? HostPath, string? ContainerPath, string? Permissions);

/// <summary>A <c>[Variable]</c> declaration.</summary>
/// <param name="DeclaredBy">The display name of the class whose attribute it is (a base class for an inherited one).</param>
internal sealed record VariableModel(string? Name, string? Default, string? Description, string DeclaredBy);

/// <summary>Where one attribute and each of its arguments were written.</summary>
/// <param name="Attribute">The attribute; for an attribute of a base class from another assembly, the service class's name.</param>
internal sealed record AttributeSites(LocationInfo Attribute, EquatableArray<ArgumentSite> Arguments)
{
    /// <summary>The argument's location (constructor parameter or property name), else the attribute's.</summary>
    public LocationInfo Locate(string argument)
    {
        foreach (var site in Arguments)
            if (site.Name == argument) return site.Location;
        return Attribute;
    }

    /// <summary>The same sites with each location passed through <paramref name="move"/>.</summary>
    public AttributeSites Map(Func<LocationInfo, LocationInfo> move)
    {
        if (Arguments.Count == 0) return new AttributeSites(move(Attribute), Arguments);
        var arguments = new ArgumentSite[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++) arguments[i] = Arguments[i] with { Location = move(Arguments[i].Location) };
        return new AttributeSites(move(Attribute), new EquatableArray<ArgumentSite>(arguments));
    }

    public void AddLocations(List<LocationInfo> locations)
    {
        locations.Add(Attribute);
        foreach (var site in Arguments) locations.Add(site.Location);
    }

    public static AttributeSites? Map(AttributeSites? sites, Func<LocationInfo, LocationInfo> move) => sites?.Map(move);

    public static EquatableArray<AttributeSites> Map(EquatableArray<AttributeSites> sites, Func<LocationInfo, LocationInfo> move)
    {
        if (sites.Count == 0) return sites;
        var moved = new AttributeSites[sites.Count];
        for (int i = 0; i < moved.Length; i++) moved[i] = sites[i].Map(move);
        return new EquatableArray<AttributeSites>(moved);
    }
}

internal sealed record ArgumentSite(string Name, LocationInfo Location);

/// <summary>Where the hardening attributes of a service were written (null exactly when its <see cref="HardeningModel"/> is).</summary>
internal sealed record HardeningSites(
    AttributeSites? AllowNewPrivileges,
    AttributeSites? KeepCapabilities,
    AttributeSites? AllowDockerSocket,
    AttributeSites? Privileged,
    AttributeSites? HostNamespaces,
    EquatableArray<AttributeSites> SecurityOptions,
    AttributeSites? ReadOnlyRoot,
    AttributeSites? Logging)
{
    public HardeningSites Map(Func<LocationInfo, LocationInfo> move) => new(
        AttributeSites.Map(AllowNewPrivileges, move), AttributeSites.Map(KeepCapabilities, move), AttributeSites.Map(AllowDockerSocket, move),
        AttributeSites.Map(Privileged, move), AttributeSites.Map(HostNamespaces, move), AttributeSites.Map(SecurityOptions, move),
        AttributeSites.Map(ReadOnlyRoot, move), AttributeSites.Map(Logging, move));

    public IEnumerable<AttributeSites?> All()
    {
        yield return AllowNewPrivileges;
        yield return KeepCapabilities;
        yield return AllowDockerSocket;
        yield return Privileged;
        yield return HostNamespaces;
        foreach (var site in SecurityOptions) yield return site;
        yield return ReadOnlyRoot;
        yield return Logging;
    }
}

internal sealed record ServiceSites(
    LocationInfo Class,
    AttributeSites? Service,
    AttributeSites? Stack,
    AttributeSites? OnServer,
    AttributeSites? Route,
    AttributeSites? Dashboard,
    EquatableArray<AttributeSites> Volumes,
    EquatableArray<AttributeSites> Environment,
    EquatableArray<AttributeSites> SecretEnvironment,
    EquatableArray<AttributeSites> Ports,
    EquatableArray<AttributeSites> Networks,
    EquatableArray<AttributeSites> DependsOn,
    AttributeSites? Healthcheck,
    AttributeSites? Resources,
    AttributeSites? Gpu,
    AttributeSites? LazyStart,
    AttributeSites? Egress,
    EquatableArray<AttributeSites> Labels,
    EquatableArray<AttributeSites> CapAdd,
    EquatableArray<AttributeSites> Devices,
    AttributeSites? Widget,
    EquatableArray<AttributeSites> Variables,
    HardeningSites? Hardening)
{
    /// <summary>The argument of an attribute, falling back to the attribute, then to the class name.</summary>
    public LocationInfo Locate(AttributeSites? attribute, string argument) => attribute?.Locate(argument) ?? Class;

    /// <summary>The same sites with each location passed through <paramref name="move"/> (e.g. <see cref="ClassAnchor.Relative"/>).</summary>
    public ServiceSites Map(Func<LocationInfo, LocationInfo> move) => new(
        move(Class), AttributeSites.Map(Service, move), AttributeSites.Map(Stack, move), AttributeSites.Map(OnServer, move),
        AttributeSites.Map(Route, move), AttributeSites.Map(Dashboard, move), AttributeSites.Map(Volumes, move),
        AttributeSites.Map(Environment, move), AttributeSites.Map(SecretEnvironment, move), AttributeSites.Map(Ports, move),
        AttributeSites.Map(Networks, move), AttributeSites.Map(DependsOn, move), AttributeSites.Map(Healthcheck, move),
        AttributeSites.Map(Resources, move), AttributeSites.Map(Gpu, move), AttributeSites.Map(LazyStart, move),
        AttributeSites.Map(Egress, move), AttributeSites.Map(Labels, move), AttributeSites.Map(CapAdd, move),
        AttributeSites.Map(Devices, move), AttributeSites.Map(Widget, move), AttributeSites.Map(Variables, move),
        Hardening?.Map(move));

    /// <summary>Every location of these sites.</summary>
    public List<LocationInfo> Locations()
    {
        var locations = new List<LocationInfo> { Class };
        foreach (var single in new[] { Service, Stack, OnServer, Route, Dashboard, Healthcheck, Resources, Gpu, LazyStart, Egress, Widget })
            single?.AddLocations(locations);
        foreach (var many in new[] { Volumes, Environment, SecretEnvironment, Ports, Networks, DependsOn, Labels, CapAdd, Devices, Variables })
            foreach (var site in many) site.AddLocations(locations);
        if (Hardening is not null)
            foreach (var site in Hardening.All()) site?.AddLocations(locations);
        return locations;
    }
}

/// <summary>
/// What the rules across services read of one service (<c>LabValidator.ForCrossChecks</c>), its locations relative to
/// <see cref="Anchor"/>; null when the service has no location in source.
/// </summary>
internal sealed record CrossCheckModel(ServiceModel Service, ClassAnchor? Anchor);

/// <summary>What the lab file and the hint names need of one service: nothing that changes unless the service is renamed or moved.</summary>
/// <param name="CanEmit">The class gets a generated <c>Definition</c> (only those are listed in the lab).</param>
internal readonly record struct LabEntry(string Stack, string Name, string FullyQualifiedName, string DisplayName, bool CanEmit);
