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
    /// <summary>
    /// The <see cref="Networks"/> declared <c>[Network(Internal = true)]</c>: without a route out. Every service of the
    /// stack on such a network must list it here too.
    /// </summary>
    public IReadOnlyList<string> InternalNetworks { get; init; } = [];
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

    // Hardening: every service gets no-new-privileges, cap_drop ALL, log rotation and limits; these loosen or tune it.

    /// <summary><c>[AllowNewPrivileges]</c>: no <c>no-new-privileges</c>.</summary>
    public Exemption? AllowNewPrivileges { get; init; }
    /// <summary><c>[KeepCapabilities]</c>: no <c>cap_drop: [ALL]</c>, Docker's default capabilities stay.</summary>
    public Exemption? KeepCapabilities { get; init; }
    /// <summary><c>[AllowDockerSocket]</c>: the service mounts the Docker socket although its image is not one whose job that is.</summary>
    public Exemption? AllowDockerSocket { get; init; }
    /// <summary><c>[Privileged]</c>: <c>privileged: true</c>.</summary>
    public Exemption? Privileged { get; init; }
    /// <summary><c>[HostNamespaces]</c>: the host's network, PID or IPC namespace.</summary>
    public HostNamespacesSpec? HostNamespaces { get; init; }
    /// <summary>Extra <c>security_opt</c> entries from <c>[SecurityOpt]</c>, in declaration order.</summary>
    public IReadOnlyList<SecurityOptSpec> SecurityOptions { get; init; } = [];
    /// <summary><c>[ReadOnlyRoot]</c>: <c>read_only: true</c> and its tmpfs mounts.</summary>
    public ReadOnlyRootSpec? ReadOnlyRoot { get; init; }
    /// <summary><c>[Logging]</c>: log rotation; what it leaves unset comes from <see cref="Lab.ServiceDefaults"/>.</summary>
    public LoggingSpec? Logging { get; init; }

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
/// <param name="Name">The variable the image reads the value from.</param>
/// <param name="Secret">The secret's name; its file is mounted at <c>/run/secrets/&lt;Secret&gt;</c>.</param>
/// <param name="Form">How the container is told where the file is.</param>
/// <param name="FileVariable">The variable that receives the path or name, instead of the image family's rule; ignored with <see cref="SecretForm.FileUri"/>.</param>
/// <param name="Supply">Whether the runner may generate it.</param>
public sealed record SecretEnvVar(string Name, string Secret, SecretForm Form = SecretForm.FilePath, string? FileVariable = null, SecretSupply Supply = SecretSupply.Default);

public sealed record PortSpec(int HostPort, int ContainerPort, Protocol Protocol = Protocol.Tcp, string? HostIp = null);

public sealed record DependencySpec(string Service, DependencyCondition Condition = DependencyCondition.Started);

public sealed record HealthcheckSpec(IReadOnlyList<string> Test, string? Interval = null, string? Timeout = null, int Retries = 0, string? StartPeriod = null);

/// <summary>Limits and reservations; what is unset (null, or 0 <see cref="Pids"/>) comes from <see cref="Lab.ServiceDefaults"/>.</summary>
public sealed record ResourcesSpec(string? Cpus = null, string? Memory = null, string? CpusReservation = null, string? MemoryReservation = null, int Pids = 0);

public sealed record GpuSpec(string Driver = "nvidia", int Count = 0);

public sealed record LazyStartSpec(string Group, string SessionDuration = "5m", string? DisplayName = null);

public sealed record LabelSpec(string Key, string Value);

/// <summary>A host device mapped into the container; <see cref="ContainerPath"/> defaults to the host path.</summary>
public sealed record DeviceSpec(string HostPath, string? ContainerPath = null, string? Permissions = null);

/// <summary>An exception to the hardening baseline and why the class needs it (null when it gave none).</summary>
public sealed record Exemption(string? Reason = null);

/// <summary>The host namespaces a service shares (<c>[HostNamespaces]</c>).</summary>
public sealed record HostNamespacesSpec(bool Network = false, bool Pid = false, bool Ipc = false, string? Reason = null);

/// <summary>A <c>security_opt</c> entry beyond the baseline's <c>no-new-privileges</c>.</summary>
public sealed record SecurityOptSpec(string Option, string? Reason = null);

/// <summary>A read-only root filesystem with in-memory mounts where the image writes (<c>/tmp</c>, <c>/run:size=16m</c>).</summary>
public sealed record ReadOnlyRootSpec(IReadOnlyList<string>? Tmpfs = null);

/// <summary>Rotation of the json-file log; null or 0 means the lab's default.</summary>
public sealed record LoggingSpec(string? MaxSize = null, int MaxFiles = 0);
