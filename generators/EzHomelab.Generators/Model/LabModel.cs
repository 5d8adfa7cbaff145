namespace EzHomelab.Generators.Model;

internal sealed record LabModel(LabSpecModel Spec, LabSites Sites);

/// <param name="LanNetworks">Default (unset) keeps the model's private ranges.</param>
/// <param name="IsAlsoService">The class also carries <c>[Service]</c>/<c>[Stack]</c>: not emitted as a lab (reported).</param>
/// <param name="DefaultResources">The lab class's <c>[Resources]</c>: the limits of every service that sets none of its own.</param>
/// <param name="DefaultLogging">The lab class's <c>[Logging]</c>: the log rotation of every service that sets none of its own.</param>
internal sealed record LabSpecModel(
    TypeShape Type,
    string? Domain,
    string? Timezone,
    string? Email,
    int DefaultAccess,
    int Puid,
    int Pgid,
    EquatableArray<ServerModel> Servers,
    EquatableArray<ExternalHostModel> ExternalHosts,
    SmtpModel? Smtp,
    EquatableArray<string> LanNetworks,
    bool IsAlsoService,
    EquatableArray<VariableModel> Variables,
    ResourcesModel? DefaultResources,
    LoggingModel? DefaultLogging)
{
    public bool CanEmit => Type.CanEmit && !IsAlsoService;
}

internal sealed record SmtpModel(string? Host, int Port, string? Sender, string? Username);

internal sealed record ServerModel(string? Name, string? Address);

/// <param name="Dashboard">Set when <c>DashboardGroup</c> is (its name defaulting to the subdomain).</param>
internal sealed record ExternalHostModel(string? Subdomain, string? Url, int Access, DashboardModel? Dashboard);

internal sealed record LabSites(LocationInfo Class, AttributeSites Homelab, EquatableArray<AttributeSites> Servers, EquatableArray<AttributeSites> ExternalHosts, AttributeSites? Smtp, EquatableArray<AttributeSites> Variables,
    AttributeSites? Resources, AttributeSites? Logging);

/// <summary>One lab file's input: the lab, its services sorted by (stack, name), and the hint names that need disambiguation.</summary>
internal sealed record LabEmitModel(LabSpecModel Lab, EquatableArray<LabEntry> Services, EquatableArray<string> CollidingHints);

/// <summary>The services declared in one source file (in declaration order), emitted as one file named after the first.</summary>
internal sealed record ServiceGroup(EquatableArray<ServiceSpecModel> Services)
{
    public TypeShape First => Services[0].Type;
}

/// <summary>One generated service file's input.</summary>
internal sealed record ServiceGroupEmitModel(ServiceGroup Group, EquatableArray<string> CollidingHints);
