namespace EzHomelab;

// Every attribute below may sit on the service class or on any of its base classes (for example a
// LinuxServerApp base carrying PUID/PGID/TZ, or a ready-made catalog class). The generator merges them,
// the most derived class winning for single-valued attributes; repeatable ones are added up.

/// <summary>Groups services into one compose stack (one folder in Dockge's layout).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StackAttribute : Attribute
{
    public StackAttribute(string name) => Name = name;
    /// <summary>Stack name: lower-case DNS label (e.g. <c>media</c>).</summary>
    public string Name { get; }
}

/// <summary>Marks a class as a lab service (a compose service). The class must be <c>partial</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ServiceAttribute : Attribute
{
    /// <summary>Image reference with a pinned tag or digest, e.g. <c>jellyfin/jellyfin:10.10.7</c>.</summary>
    public string? Image { get; set; }
    /// <summary>Compose service name. Default: the class name in kebab case (<c>CodeServer</c> → <c>code-server</c>).</summary>
    public string? Name { get; set; }
    /// <summary>Overrides the image's command (exec form, one element per argument).</summary>
    public string[]? Command { get; set; }
    /// <summary>Overrides the image's entrypoint (exec form).</summary>
    public string[]? Entrypoint { get; set; }
    /// <summary><c>uid</c>, <c>uid:gid</c> or a user name.</summary>
    public string? User { get; set; }
    public Restart Restart { get; set; }
    /// <summary>Container name. Default: the service name.</summary>
    public string? ContainerName { get; set; }
}

/// <summary>Publishes the service through Traefik at <c>https://&lt;subdomain&gt;.&lt;domain&gt;</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RouteAttribute : Attribute
{
    /// <param name="port">The port the application listens on inside the container (Traefik's target).</param>
    public RouteAttribute(int port) => Port = port;
    public int Port { get; }
    /// <summary>DNS label. Default: the service name.</summary>
    public string? Subdomain { get; set; }
    public Access Access { get; set; }
    /// <summary>Extra path rules: the router matches only these path prefixes (e.g. <c>/api</c>).</summary>
    public string[]? PathPrefixes { get; set; }
    /// <summary>
    /// Acknowledges that this route leaves an admin UI (<see cref="AdminAttribute"/>, or a known admin image such as
    /// Dockge, a socket proxy, code-server, Portainer or the Traefik dashboard) without a login. Without it, a bypass
    /// route on an admin UI is refused. Default <c>false</c>.
    /// </summary>
    public bool AllowBypassOnAdmin { get; set; }
}

/// <summary>Shows the service on the Homepage dashboard.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DashboardAttribute : Attribute
{
    public DashboardAttribute(string group) => Group = group;
    public string Group { get; }
    /// <summary>Display name. Default: the class name.</summary>
    public string? Name { get; set; }
    /// <summary>Icon file or URL, e.g. <c>jellyfin.png</c>.</summary>
    public string? Icon { get; set; }
    public string? Description { get; set; }
}

/// <summary>
/// Mounts a host path (starts with <c>/</c>, <c>./</c> or <c>../</c>, relative to the stack folder, or with a lab
/// variable such as <c>${MEDIA_DIR}/movies</c>, see <see cref="VariableAttribute"/>) or a named volume (any other name)
/// at an absolute container path.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class VolumeAttribute : Attribute
{
    public VolumeAttribute(string source, string target) { Source = source; Target = target; }
    public string Source { get; }
    public string Target { get; }
    public bool ReadOnly { get; set; }
}

/// <summary>
/// A plain environment variable. <c>${NAME}</c> in the value is a lab variable (<c>${DOMAIN}</c>, <c>${TZ}</c>,
/// <c>${PUID}</c>, <c>${PGID}</c>, or one a <see cref="VariableAttribute"/> declares), resolved through the stack's
/// <c>.env</c>; <c>$$</c> is a literal <c>$</c>, and any other <c>$</c> is kept literally.
/// Never put a secret here: use <see cref="SecretEnvAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EnvAttribute : Attribute
{
    public EnvAttribute(string name, string value) { Name = name; Value = value; }
    public string Name { get; }
    public string Value { get; }
}

/// <summary>
/// An environment variable whose value is a named secret, supplied at run time (never in source).
/// Secret names are lower-case, e.g. <c>db-password</c>; the runner reads <c>EZH_SECRET_DB_PASSWORD</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SecretEnvAttribute : Attribute
{
    public SecretEnvAttribute(string name, string secret) { Name = name; Secret = secret; }
    /// <summary>The variable the image reads the secret from; the container gets its file form (<see cref="Form"/>).</summary>
    public string Name { get; }
    public string Secret { get; }
    /// <summary>How the image is told where the file is; by default a file variable holds its path.</summary>
    public SecretForm Form { get; set; }
    /// <summary>
    /// The exact variable that receives the path (or, with <see cref="SecretForm.SecretName"/>, the secret's name),
    /// instead of the image family's rule: <c>GITEA__database__PASSWD__FILE</c>. Not with <see cref="SecretForm.FileUri"/> (EZH0058).
    /// </summary>
    public string? FileVariable { get; set; }
    /// <summary>Whether the secret may be generated; <see cref="SecretSupply.User"/> for one the app needs in a format of its own, or only you have.</summary>
    public SecretSupply Supply { get; set; }
}

/// <summary>Publishes a container port on the server (needed only for non-HTTP traffic; HTTP goes through <see cref="RouteAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PublishPortAttribute : Attribute
{
    public PublishPortAttribute(int hostPort, int containerPort) { HostPort = hostPort; ContainerPort = containerPort; }
    public int HostPort { get; }
    public int ContainerPort { get; }
    public Protocol Protocol { get; set; }
    /// <summary>Bind only this host address (e.g. <c>127.0.0.1</c>).</summary>
    public string? HostIp { get; set; }
}

/// <summary>
/// Joins an extra network of the stack. Routed services join <c>traefik-network</c> and the others <c>homelab-network</c>
/// on their own (see <see cref="Internal"/> for the exception).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    public NetworkAttribute(string name) => Name = name;
    public string Name { get; }
    /// <summary>
    /// The network has no route out (compose <c>internal: true</c>): for an app's database, which only its app should
    /// reach. Every service of the stack that joins the network must say the same (EZH0057). A service without a route or
    /// published ports whose networks are all internal joins no lab network either, so it has no way out at all.
    /// </summary>
    public bool Internal { get; set; }
}

/// <summary>Starts this service after another lab service.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DependsOnAttribute : Attribute
{
    public DependsOnAttribute(Type service) => Service = service;
    public Type Service { get; }
    public DependencyCondition Condition { get; set; }
}

/// <summary>Starts this service after <typeparamref name="TService"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DependsOnAttribute<TService> : Attribute where TService : class
{
    public DependencyCondition Condition { get; set; }
}

/// <summary>
/// Container healthcheck. One argument runs through the shell (<c>CMD-SHELL</c>); several are an exec form (<c>CMD</c>).
/// Durations use compose syntax: <c>30s</c>, <c>1m30s</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HealthcheckAttribute : Attribute
{
    public HealthcheckAttribute(params string[] test) => Test = test;
    public string[] Test { get; }
    public string? Interval { get; set; }
    public string? Timeout { get; set; }
    public int Retries { get; set; }
    public string? StartPeriod { get; set; }
}

/// <summary>
/// CPU, memory and process limits and reservations. Memory: <c>512M</c>, <c>2G</c>; CPUs: <c>0.5</c>, <c>2</c>. Every service
/// is limited even without it: what it leaves unset comes from the lab class's <c>[Resources]</c>, else from the built-in
/// defaults (1 CPU, 1g, 1024 processes). On the lab class it sets those defaults for every service.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ResourcesAttribute : Attribute
{
    /// <summary>CPU limit (<c>deploy.resources.limits.cpus</c>). Default <c>1.0</c>.</summary>
    public string? Cpus { get; set; }
    /// <summary>Memory limit (<c>deploy.resources.limits.memory</c>). Default <c>1g</c>.</summary>
    public string? Memory { get; set; }
    public string? CpusReservation { get; set; }
    public string? MemoryReservation { get; set; }
    /// <summary>Most processes and threads the container may run (<c>pids_limit</c>); 0 means the default, 1024.</summary>
    public int Pids { get; set; }
}

/// <summary>Reserves GPUs for the container (compose device reservation).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GpuAttribute : Attribute
{
    /// <summary>Device driver. Default <c>nvidia</c>.</summary>
    public string? Driver { get; set; }
    /// <summary>Number of GPUs; 0 (the default) means all.</summary>
    public int Count { get; set; }
}

/// <summary>
/// Started on the first request and stopped when idle, by Sablier. The container is created but not started,
/// with <c>restart: "no"</c>. Services sharing a <see cref="Group"/> start and stop together.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LazyStartAttribute : Attribute
{
    /// <summary>Sablier group. Default: the stack name.</summary>
    public string? Group { get; set; }
    /// <summary>Idle time before stopping. Default <c>5m</c>.</summary>
    public string? SessionDuration { get; set; }
    /// <summary>Name on the waiting page. Default: the group.</summary>
    public string? DisplayName { get; set; }
}

/// <summary>
/// Sends all of this service's traffic through another service's network stack (e.g. a VPN client):
/// <c>network_mode: service:&lt;target&gt;</c>. Ports and routes belong on the target.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EgressAttribute : Attribute
{
    public EgressAttribute(Type through) => Through = through;
    public Type Through { get; }
}

/// <inheritdoc cref="EgressAttribute"/>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EgressAttribute<TThrough> : Attribute where TThrough : class
{
}

/// <summary>An extra container label, written as is (escape hatch).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LabelAttribute : Attribute
{
    public LabelAttribute(string key, string value) { Key = key; Value = value; }
    public string Key { get; }
    public string Value { get; }
}

/// <summary>
/// Marks the service as an admin UI: whoever reaches it controls the lab or its host. Its route must then ask for a
/// login (a bypass route is refused unless <see cref="RouteAttribute.AllowBypassOnAdmin"/> says otherwise). Known admin
/// images (Dockge, socket proxies, code-server, Portainer, the Traefik dashboard) count as admin UIs without it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AdminAttribute : Attribute
{
}

/// <summary>
/// A Homepage service widget on the service's <see cref="DashboardAttribute"/> entry (without one it is not shown).
/// The API key is a secret the user supplies (<c>EZH_SECRET_*</c> or the secrets file); Homepage reads it from a file,
/// so the key never appears in services.yaml.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WidgetAttribute : Attribute
{
    /// <param name="type">Homepage's widget type, lower-case, e.g. <c>sonarr</c>.</param>
    public WidgetAttribute(string type) => Type = type;
    public string Type { get; }
    /// <summary>What Homepage queries. Default: <c>http://&lt;container&gt;:&lt;route port&gt;</c>.</summary>
    public string? Url { get; set; }
    /// <summary>Name of the secret holding the API key, e.g. <c>sonarr-api-key</c>.</summary>
    public string? ApiKeySecret { get; set; }
    /// <summary>The widget fields to show, e.g. <c>["wanted", "queued"]</c>. Default: Homepage's.</summary>
    public string[]? Fields { get; set; }
}

/// <summary>Adds a Linux capability to the container (compose <c>cap_add</c>), e.g. <c>NET_ADMIN</c> for a VPN client.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CapAddAttribute : Attribute
{
    /// <param name="capability">Upper-case capability name, with or without the <c>CAP_</c> prefix (<c>NET_ADMIN</c>).</param>
    public CapAddAttribute(string capability) => Capability = capability;
    public string Capability { get; }
}

/// <summary>
/// Maps a host device into the container (compose <c>devices</c>), e.g. <c>/dev/net/tun</c> for a VPN client or
/// <c>/dev/dri</c> for hardware transcoding. The host path may start with a lab variable (<c>${RENDER_DEVICE}</c>,
/// see <see cref="VariableAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DeviceAttribute : Attribute
{
    /// <param name="hostPath">Absolute device path on the server.</param>
    public DeviceAttribute(string hostPath) => HostPath = hostPath;
    public string HostPath { get; }
    /// <summary>Path inside the container. Default: the host path.</summary>
    public string? ContainerPath { get; set; }
    /// <summary>cgroup permissions, a subset of <c>rwm</c>. Default: Docker's (<c>rwm</c>).</summary>
    public string? Permissions { get; set; }
}
