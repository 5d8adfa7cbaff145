namespace EzHomelab.Model;

/// <summary>One compose service, with every attribute of its class and base classes merged.</summary>
public sealed record ServiceSpec
{
    /// <summary>Compose service name (DNS label).</summary>
    public required string Name { get; init; }
    /// <summary>Stack (folder) name.</summary>
    public required string Stack { get; init; }
    public required string Image { get; init; }
    /// <summary>The C# class that declared it, fully qualified (for messages).</summary>
    public string? ClassName { get; init; }
    /// <summary>Server name from <c>[OnServer]</c>; null means the core server.</summary>
    public string? Server { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public string? User { get; init; }
    public Restart Restart { get; init; }
    public string? ContainerName { get; init; }
    public RouteSpec? Route { get; init; }
    public DashboardSpec? Dashboard { get; init; }
    public IReadOnlyList<VolumeSpec> Volumes { get; init; } = [];
    public IReadOnlyList<EnvVar> Environment { get; init; } = [];
    public IReadOnlyList<SecretEnvVar> SecretEnvironment { get; init; } = [];
    public IReadOnlyList<PortSpec> Ports { get; init; } = [];
    /// <summary>Extra networks from <c>[Network]</c> (the standard ones are added by the renderer).</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];
    public IReadOnlyList<DependencySpec> DependsOn { get; init; } = [];
    public HealthcheckSpec? Healthcheck { get; init; }
    public ResourcesSpec? Resources { get; init; }
    public GpuSpec? Gpu { get; init; }
    public LazyStartSpec? LazyStart { get; init; }
    /// <summary>Service name whose network stack this one uses (<c>[Egress]</c>).</summary>
    public string? EgressThrough { get; init; }
    public IReadOnlyList<LabelSpec> Labels { get; init; } = [];
    /// <summary>Linux capabilities from <c>[CapAdd]</c>, in declaration order.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    /// <summary>Device mappings from <c>[Device]</c>, in declaration order.</summary>
    public IReadOnlyList<DeviceSpec> Devices { get; init; } = [];
    /// <summary>Marked <c>[Admin]</c>. Known admin images count as admin UIs without it (<c>Rules.AdminUi.Is</c>).</summary>
    public bool IsAdmin { get; init; }
    /// <summary>The Homepage widget on the service's dashboard entry, from <c>[Widget]</c>.</summary>
    public WidgetSpec? Widget { get; init; }
    /// <summary>The lab variables this service's class and its base classes declare (<c>[Variable]</c>), most derived winning per name.</summary>
    public IReadOnlyList<VariableSpec> Variables { get; init; } = [];

    public bool IsLazy => LazyStart is not null;
    public string EffectiveContainerName => ContainerName ?? Name;
}

/// <summary>A Homepage service widget shown on the service's dashboard entry.</summary>
/// <param name="Type">Homepage's widget type, e.g. <c>sonarr</c>.</param>
/// <param name="Url">What Homepage queries; null means <c>http://&lt;container&gt;:&lt;route port&gt;</c>.</param>
/// <param name="ApiKeySecret">The secret holding the API key (a name, never the value).</param>
/// <param name="Fields">The widget fields to show; null shows Homepage's defaults.</param>
public sealed record WidgetSpec(string Type, string? Url = null, string? ApiKeySecret = null, IReadOnlyList<string>? Fields = null);

/// <summary>A route through Traefik.</summary>
/// <param name="Port">The container port Traefik forwards to.</param>
/// <param name="Subdomain">DNS label of the host (<c>&lt;Subdomain&gt;.&lt;domain&gt;</c>).</param>
/// <param name="Access">Who may reach it; <see cref="Access.Default"/> means the lab's default.</param>
/// <param name="PathPrefixes">When set, the router matches only these path prefixes.</param>
/// <param name="AllowBypassOnAdmin">The route acknowledges leaving an admin UI without a login.</param>
public sealed record RouteSpec(int Port, string Subdomain, Access Access = Access.Default, IReadOnlyList<string>? PathPrefixes = null, bool AllowBypassOnAdmin = false);

public sealed record DashboardSpec(string Group, string Name, string? Icon = null, string? Description = null);

/// <summary>
/// A bind mount (source starts with <c>/</c>, <c>./</c> or <c>../</c>, or with a lab variable such as <c>${MEDIA_DIR}</c>,
/// which must hold such a path) or a named volume.
/// </summary>
public sealed record VolumeSpec(string Source, string Target, bool ReadOnly = false)
{
    public bool IsBind => Rules.LabVariableRules.IsHostPath(Source) || Source.StartsWith("${", StringComparison.Ordinal);
}

public sealed record EnvVar(string Name, string Value);

/// <summary>An environment variable whose value is the named runtime secret.</summary>
public sealed record SecretEnvVar(string Name, string Secret);

public sealed record PortSpec(int HostPort, int ContainerPort, Protocol Protocol = Protocol.Tcp, string? HostIp = null);

public sealed record DependencySpec(string Service, DependencyCondition Condition = DependencyCondition.Started);

public sealed record HealthcheckSpec(IReadOnlyList<string> Test, string? Interval = null, string? Timeout = null, int Retries = 0, string? StartPeriod = null);

public sealed record ResourcesSpec(string? Cpus = null, string? Memory = null, string? CpusReservation = null, string? MemoryReservation = null);

public sealed record GpuSpec(string Driver = "nvidia", int Count = 0);

public sealed record LazyStartSpec(string Group, string SessionDuration = "5m", string? DisplayName = null);

public sealed record LabelSpec(string Key, string Value);

/// <summary>A host device mapped into the container; <see cref="ContainerPath"/> defaults to the host path.</summary>
public sealed record DeviceSpec(string HostPath, string? ContainerPath = null, string? Permissions = null);
